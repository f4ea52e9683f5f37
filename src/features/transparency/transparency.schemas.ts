// API shapes of the transparency log and the moderation log: public, hash-chained, day-precise.
import { Type } from '@sinclair/typebox';
import { REJECTION_CATEGORIES } from '../../shared/consultation-rules.ts';
import { LOG_ACTIONS } from './transparency.service.ts';

export const LogEntry = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  day: Type.String({
    format: 'date',
    description: 'The day only: finer times could re-identify contributors.',
  }),
  action: Type.Union(
    LOG_ACTIONS.map((a) => Type.Literal(a)),
    { description: 'What happened; the log never names who took part.' },
  ),
  subjectType: Type.String(),
  subjectId: Type.String(),
  details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
  prevHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  hash: Type.String({
    pattern: '^[0-9a-f]{64}$',
    description:
      'SHA-256 of [seq, day, action, subjectType, subjectId, sorted details entries, prevHash] as JSON.',
  }),
});

export const ChainCheck = Type.Union([
  Type.Object({ ok: Type.Literal(true), count: Type.Integer({ minimum: 0 }) }),
  Type.Object({
    ok: Type.Literal(false),
    brokenAt: Type.Integer(),
    reason: Type.String(),
    kind: Type.Optional(Type.String()),
  }),
]);

export const RejectionCount = Type.Object({
  category: Type.Union(REJECTION_CATEGORIES.map((c) => Type.Literal(c))),
  count: Type.Integer({ minimum: 1 }),
});
