// Form building blocks: labelled fields of every kind (text, dates, numbers, choices) with their
// errors tied by aria-describedby, an error summary announced on load, and the CSRF field. Every
// form works without JavaScript.
import type { ComponentChildren } from 'preact';
import type { MessageKey, Translate } from '../i18n/i18n.ts';
import type { FormState } from '../http/form-body.ts';
import type { ViewContext } from '../http/view-context.ts';

export type { FormState };

export const emptyForm: FormState = { values: {}, errors: {} };

function errorText(t: Translate, key: string | undefined): string | undefined {
  return key ? t(key as MessageKey) : undefined;
}

export function Form(props: {
  ctx: ViewContext;
  action: string;
  state: FormState;
  children: ComponentChildren;
  submit: string;
  fieldLabels: Record<string, string>;
}) {
  const { ctx, state } = props;
  const entries = Object.entries(state.errors);
  return (
    <form method="post" action={props.action} novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {entries.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{ctx.t('errors.summaryTitle')}</h2>
          <ul>
            {entries.map(([field, key]) => (
              <li>
                <a href={`#field-${field}`}>
                  {props.fieldLabels[field] ? `${props.fieldLabels[field]}: ` : ''}
                  {errorText(ctx.t, key)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.children}
      <button type="submit">{props.submit}</button>
    </form>
  );
}

interface FieldProps {
  ctx: ViewContext;
  state: FormState;
  name: string;
  label: string;
  hint?: string;
}

function describedBy(
  name: string,
  hint: string | undefined,
  error: string | undefined,
): string | undefined {
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

function FieldFrame(props: FieldProps & { children: ComponentChildren }) {
  const error = errorText(props.ctx.t, props.state.errors[props.name]);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`field-${props.name}`}>{props.label}</label>
      <HintAndError name={props.name} hint={props.hint} error={error} />
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'password' | 'url';
    autocomplete?: string;
    required?: boolean;
    maxLength?: number;
    dir?: 'ltr' | 'rtl' | 'auto';
  },
) {
  const error = props.state.errors[props.name];
  return (
    <FieldFrame {...props}>
      <input
        id={`field-${props.name}`}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : (props.state.values[props.name] ?? '')}
        autocomplete={props.autocomplete}
        required={props.required}
        maxLength={props.maxLength}
        dir={props.dir ?? (props.type === 'email' ? 'ltr' : undefined)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldProps & { rows?: number; maxLength?: number }) {
  const error = props.state.errors[props.name];
  return (
    <FieldFrame {...props}>
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.state.values[props.name] ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & {
    options: Array<{ value: string; label: string }>;
    emptyLabel?: string;
    autocomplete?: string;
  },
) {
  const error = props.state.errors[props.name];
  const current = props.state.values[props.name] ?? '';
  return (
    <FieldFrame {...props}>
      <select
        id={`field-${props.name}`}
        name={props.name}
        autocomplete={props.autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Inputs the text fields do not cover: dates, times and numbers (and plain text with a minimum). */
export function InputField(
  props: FieldProps & {
    type: 'date' | 'datetime-local' | 'number' | 'text' | 'email' | 'url';
    min?: number;
    dir?: 'ltr' | 'auto';
  },
) {
  const error = props.state.errors[props.name];
  return (
    <FieldFrame {...props}>
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
    </FieldFrame>
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
  const error = errorText(props.ctx.t, props.state.errors[name]);
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
