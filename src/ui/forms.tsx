// Form building blocks: labelled fields with their errors tied by aria-describedby, an error
// summary announced on load, and the CSRF field. Every form works without JavaScript.
import type { ComponentChildren } from 'preact';
import type { MessageKey, Translate } from '../i18n/i18n.ts';
import type { FieldErrors } from '../shared/errors.ts';
import type { ViewContext } from '../http/view-context.ts';

export interface FormState {
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}

export const emptyForm: FormState = { values: {}, errors: {} };

function errorText(t: Translate, key: string | undefined): string | undefined {
  return key ? t(key as MessageKey) : undefined;
}

export function Form(props: { ctx: ViewContext; action: string; state: FormState; children: ComponentChildren; submit: string; fieldLabels: Record<string, string> }) {
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

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame(props: FieldProps & { children: ComponentChildren }) {
  const error = errorText(props.ctx.t, props.state.errors[props.name]);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`field-${props.name}`}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`error-${props.name}`}>
          {error}
        </p>
      )}
      {props.children}
    </div>
  );
}

export function TextField(props: FieldProps & { type?: 'text' | 'email' | 'password' | 'url'; autocomplete?: string; required?: boolean; maxLength?: number; dir?: 'ltr' | 'rtl' | 'auto' }) {
  const error = props.state.errors[props.name];
  return (
    <FieldFrame {...props}>
      <input
        id={`field-${props.name}`}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : props.state.values[props.name] ?? ''}
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

export function SelectField(props: FieldProps & { options: Array<{ value: string; label: string }>; emptyLabel?: string; autocomplete?: string }) {
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
