// Markdown → a small block model (headings, paragraphs, list items, quotes, tables of inline
// runs) that the PDF and DOCX writers lay out. Parsed by markdown-it without raw HTML, so the
// writers only ever see text, emphasis and links — and only links the link policy allows.
import type MarkdownIt from 'markdown-it';
import { markdownParser } from '../../http/markdown.ts';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  link?: string;
}

export type Block =
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; quote: boolean }
  | { kind: 'item'; runs: Run[]; marker: string; quote: boolean }
  | { kind: 'table'; rows: Run[][][] };

const md = markdownParser({ linkify: false });

function inlineRuns(children: Token[]): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  let link: string | undefined;
  for (const token of children) {
    if (token.type === 'strong_open' || token.type === 'strong_close')
      bold = token.type === 'strong_open';
    else if (token.type === 'em_open' || token.type === 'em_close')
      italic = token.type === 'em_open';
    else if (token.type === 'link_open') link = String(token.attrGet('href') ?? '') || undefined;
    else if (token.type === 'link_close') link = undefined;
    else if (token.type === 'text' || token.type === 'code_inline')
      runs.push({
        text: token.content,
        ...(bold ? { bold } : {}),
        ...(italic ? { italic } : {}),
        ...(link ? { link } : {}),
      });
    else if (token.type === 'softbreak' || token.type === 'hardbreak') runs.push({ text: ' ' });
  }
  return runs;
}

interface State {
  heading: number;
  quote: number;
  lists: Array<{ ordered: boolean; next: number }>;
  pendingMarker: string | undefined;
  table: Run[][][] | undefined;
}

function onInline(state: State, token: Token, blocks: Block[]): void {
  const runs = inlineRuns(token.children ?? []);
  if (state.table) {
    state.table[state.table.length - 1]?.push(runs);
  } else if (state.heading) {
    blocks.push({ kind: 'heading', level: state.heading, runs });
  } else if (state.pendingMarker !== undefined) {
    blocks.push({ kind: 'item', runs, marker: state.pendingMarker, quote: state.quote > 0 });
    state.pendingMarker = undefined;
  } else {
    blocks.push({ kind: 'paragraph', runs, quote: state.quote > 0 });
  }
}

export function markdownBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const state: State = {
    heading: 0,
    quote: 0,
    lists: [],
    pendingMarker: undefined,
    table: undefined,
  };
  for (const token of md.parse(source, {})) {
    switch (token.type) {
      case 'heading_open':
        state.heading = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        state.heading = 0;
        break;
      case 'blockquote_open':
      case 'blockquote_close':
        state.quote += token.type === 'blockquote_open' ? 1 : -1;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        state.lists.push({
          ordered: token.type === 'ordered_list_open',
          next: Number(token.attrGet('start') ?? 1),
        });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        state.lists.pop();
        break;
      case 'list_item_open': {
        const list = state.lists[state.lists.length - 1];
        state.pendingMarker = list?.ordered ? `${list.next++}.` : '•';
        break;
      }
      case 'table_open':
        state.table = [];
        break;
      case 'tr_open':
        state.table?.push([]);
        break;
      case 'table_close':
        if (state.table) blocks.push({ kind: 'table', rows: state.table });
        state.table = undefined;
        break;
      case 'inline':
        onInline(state, token, blocks);
        break;
      case 'code_block':
      case 'fence':
        blocks.push({
          kind: 'paragraph',
          runs: [{ text: token.content.trim() }],
          quote: state.quote > 0,
        });
        break;
      default:
        break;
    }
  }
  return blocks;
}

export const plainText = (runs: Run[]) => runs.map((r) => r.text).join('');
