import { renderMarkdown } from '../http/markdown.ts';

/** Sanitised Markdown (see http/markdown.ts): the only HTML these pages inject. */
export function Markdown({ source }: { source: string }) {
  return <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}
