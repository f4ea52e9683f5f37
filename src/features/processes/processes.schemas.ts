// API shapes of processes: what /api/v1/processes accepts and returns (also the OpenAPI document).
import { Type, type Static } from '@sinclair/typebox';
import { PHASES } from '../../shared/consultation-rules.ts';
import { LINK_KINDS, MILESTONE_KINDS } from './processes.service.ts';

export const ProcessSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  convener: Type.String(),
  description: Type.String({ description: 'Markdown.' }),
  frameworks: Type.Array(Type.String(), {
    description: 'Frameworks the outcomes map to: WSIS action lines, GDC objectives, SDGs…',
  }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ProcessDetail = Type.Composite([
  ProcessSummary,
  Type.Object({
    milestones: Type.Array(
      Type.Object({
        kind: Type.Union(MILESTONE_KINDS.map((k) => Type.Literal(k))),
        title: Type.String(),
        date: Type.String({ format: 'date' }),
        description: Type.String(),
      }),
    ),
    documents: Type.Array(
      Type.Object({
        title: Type.String(),
        url: Type.String({ format: 'uri' }),
        language: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    links: Type.Array(
      Type.Object({
        kind: Type.Union(LINK_KINDS.map((k) => Type.Literal(k))),
        direction: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')], {
          description:
            'outgoing: this process feeds into / follows up / runs parallel to the other.',
        }),
        slug: Type.String(),
        title: Type.String(),
      }),
    ),
    consultations: Type.Array(
      Type.Object({
        slug: Type.String(),
        title: Type.String(),
        phase: Type.Union(PHASES.map((p) => Type.Literal(p))),
      }),
    ),
  }),
]);

export type ProcessSummaryDto = Static<typeof ProcessSummary>;
export type ProcessDetailDto = Static<typeof ProcessDetail>;
