// Reads fields from an urlencoded form body without trusting its shape.
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../shared/errors.ts';

export type FormBody = Record<string, string | string[] | undefined>;

/** What a form page re-shows: the values sent and the error (a message key) of each field. */
export interface FormState {
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}

export function formBody(request: FastifyRequest): FormBody {
  return (request.body ?? {}) as FormBody;
}

export function text(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** Like text(), but without trimming: passwords keep their spaces. */
export function secret(body: FormBody, name: string): string {
  const value = body[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

export function optional(body: FormBody, name: string): string | null {
  const value = text(body, name);
  return value === '' ? null : value;
}

export function list(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
}

/** The form state to re-render after a validation error (never echoing secrets). */
export function failedForm(error: unknown, values: Record<string, string | undefined>): FormState {
  if (error instanceof AppError && error.fields) return { values, errors: error.fields };
  throw error;
}
