// Schemas every API resource shares: problem details, pages, path parameters. They validate
// requests and, through @fastify/swagger, become the OpenAPI document.
import { Type, type TSchema } from '@sinclair/typebox';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({
      description:
        'Stable machine-readable error code, e.g. not_found, invalid, consultation_closed.',
    }),
    errors: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Field path → reason code.' }),
    ),
  },
  { description: 'RFC 9457 problem details.' },
);

const PROBLEM_TEXT: Record<number, string> = {
  400: 'The request is malformed (fields listed in errors).',
  401: 'No valid credentials: send a personal API token as a Bearer token.',
  403: 'Not allowed (or a cookie session without the x-csrf-token header).',
  404: 'Not found, or not visible to you.',
  409: 'Conflicts with the current state, e.g. the consultation is closed.',
  422: 'Refused by a business rule (fields listed in errors).',
};

/** Response entries for the given error statuses, served as application/problem+json. */
export function problems(
  ...statuses: number[]
): Record<
  number,
  { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }
> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: PROBLEM_TEXT[s] ?? 'Error.',
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
}

export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(
    Type.String({ maxLength: 512, description: 'The nextCursor of the previous page.' }),
  ),
});

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    data: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page; null on the last page.',
    }),
  });
}

export const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,120}$' }) });
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9]{1,40}$' }) });

/** Marks a route as needing a signed-in caller (a write-scoped token, or cookie session plus x-csrf-token). */
export const SECURED: Array<Record<string, string[]>> = [
  { bearerToken: ['write'] },
  { cookieSession: [] },
];
