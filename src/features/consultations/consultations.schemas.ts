// API shapes of consultations: filters, the consultation and its discussion questions.
import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../http/api.schemas.ts';
import { ELIGIBILITIES, PARTICIPATION_RULES, PHASES } from '../../shared/consultation-rules.ts';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

export const ConsultationFilter = Type.Composite([
  PageQuery,
  Type.Object({
    process: Type.Optional(
      Type.String({ pattern: '^[a-z0-9-]{1,120}$', description: 'Slug of a process.' }),
    ),
    phase: Type.Optional(literals(PHASES)),
    language: Type.Optional(
      Type.String({
        pattern: '^[a-z]{2,3}$',
        description: 'A language the consultation accepts contributions in.',
      }),
    ),
  }),
]);

export const Question = Type.Object({
  id: Type.String(),
  position: Type.Integer({ minimum: 1 }),
  text: Type.String(),
  help: Type.String(),
});

export const ConsultationSummary = Type.Object({
  slug: Type.String(),
  process: Type.String({ description: 'Slug of the process the consultation belongs to.' }),
  title: Type.String(),
  context: Type.String({ description: 'Markdown.' }),
  languages: Type.Array(Type.String()),
  eligibility: literals(ELIGIBILITIES),
  rule: literals(PARTICIPATION_RULES),
  phase: literals(PHASES),
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  timeZone: Type.String({ description: 'IANA time zone the dates were set in.' }),
});

export const ConsultationDetail = Type.Composite([
  ConsultationSummary,
  Type.Object({ questions: Type.Array(Question) }),
]);

export type ConsultationFilterQuery = Static<typeof ConsultationFilter>;
export type ConsultationSummaryDto = Static<typeof ConsultationSummary>;
export type QuestionDto = Static<typeof Question>;
