// Form fields that http/forms.tsx does not have: inputs of any type (date, datetime-local,
// number), groups of radio buttons or check boxes with the same label/hint/error wiring.
import type { ComponentChildren } from 'preact';
import type { FormState } from './forms.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import type { ViewContext } from '../http/view-context.ts';

function errorOf(ctx: ViewContext, state: FormState, name: string): string | undefined {
  const key = state.errors[name];
  return key ? ctx.t(key as MessageKey) : undefined;
}

function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function HintAndError({
  name,
  hint,
  error,
}: {
  name: string;
  hint?: string | undefined;
  error: string | undefined;
}) {
  return (
    <>
      {hint && (
        <p class="hint" id={`hint-${name}`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
    </>
  );
}

export function InputField(props: {
  ctx: ViewContext;
  state: FormState;
  name: string;
  label: string;
  hint?: string;
  type: 'date' | 'datetime-local' | 'number' | 'text' | 'email' | 'url';
  min?: number;
  dir?: 'ltr' | 'auto';
}) {
  const error = errorOf(props.ctx, props.state, props.name);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`field-${props.name}`}>{props.label}</label>
      <HintAndError name={props.name} hint={props.hint} error={error} />
      <input
        id={`field-${props.name}`}
        name={props.name}
        type={props.type as 'text'}
        min={props.min}
        dir={props.dir}
        value={props.state.values[props.name] ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  /** A plain-words explanation shown under the choice. */
  explanation?: string;
  lang?: string;
}

/** Radio buttons (one value) or check boxes (several, `selected` lists them) in a fieldset. */
export function ChoiceFieldset(props: {
  ctx: ViewContext;
  state: FormState;
  name: string;
  legend: string;
  hint?: string;
  choices: Choice[];
  multiple?: boolean;
  selected?: string[];
  children?: ComponentChildren;
}) {
  const { name } = props;
  const error = errorOf(props.ctx, props.state, name);
  const chosen = new Set(props.selected ?? [props.state.values[name] ?? '']);
  return (
    <fieldset
      class={error ? 'field has-error' : 'field'}
      aria-describedby={describedBy(name, props.hint, error)}
    >
      <legend>{props.legend}</legend>
      <HintAndError name={name} hint={props.hint} error={error} />
      {props.choices.map((c, i) => {
        // The first box carries the id the error summary links to.
        const id = i === 0 ? `field-${name}` : `field-${name}-${c.value}`;
        return (
          <div class="choice">
            <input
              type={props.multiple ? 'checkbox' : 'radio'}
              id={id}
              name={name}
              value={c.value}
              checked={chosen.has(c.value)}
              aria-describedby={c.explanation ? `${id}-explained` : undefined}
            />{' '}
            <label for={id} lang={c.lang}>
              {c.label}
            </label>
            {c.explanation && (
              <p class="hint" id={`${id}-explained`}>
                {c.explanation}
              </p>
            )}
          </div>
        );
      })}
      {props.children}
    </fieldset>
  );
}
