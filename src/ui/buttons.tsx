import type { ViewContext } from '../http/view-context.ts';

/** A one-button form (publish, remove, accept…): CSRF token included, works without JavaScript. */
export function PostButton(props: {
  ctx: ViewContext;
  action: string;
  label: string;
  ariaLabel?: string;
  secondary?: boolean;
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        class={props.secondary ? 'secondary' : undefined}
        aria-label={props.ariaLabel}
      >
        {props.label}
      </button>
    </form>
  );
}
