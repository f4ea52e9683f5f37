// /api/v1/transparency: the hash-chained public log, its verification, and each consultation's
// moderation log (how many texts were rejected, by reason category — never whose).
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { CursorCodec } from '../../http/api-cursor.ts';
import { Page, PageQuery, problems, SlugParams } from '../../http/api.schemas.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { SubmissionsService } from '../submissions/index.ts';
import type { TransparencyService } from './transparency.service.ts';
import { ChainCheck, LogEntry, RejectionCount } from './transparency.schemas.ts';

export interface TransparencyApiOptions {
  transparency: TransparencyService;
  consultations: ConsultationsService;
  submissions: SubmissionsService;
  cursors: CursorCodec;
}

const isAfterSeq = (v: unknown): v is { after: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { after?: unknown }).after);

export const transparencyApi: FastifyPluginAsync<TransparencyApiOptions> = async (
  app,
  { transparency, consultations, submissions, cursors },
) => {
  app.get<{ Querystring: Static<typeof PageQuery> }>(
    '/transparency',
    {
      schema: {
        tags: ['transparency'],
        summary: 'The transparency log, oldest first',
        querystring: PageQuery,
        response: { 200: Page(LogEntry), ...problems(400) },
      },
    },
    async (request) => {
      const after = cursors.open(request.query.cursor, isAfterSeq)?.after ?? 0;
      const entries = await transparency.list({ after, limit: request.query.limit + 1 });
      const data = entries.slice(0, request.query.limit);
      const last = data.at(-1);
      return {
        data,
        nextCursor: entries.length > data.length && last ? cursors.seal({ after: last.seq }) : null,
      };
    },
  );

  app.get(
    '/transparency/verify',
    {
      schema: {
        tags: ['transparency'],
        summary: 'Recompute the hash chain: ok with the entry count, or the first broken entry',
        response: { 200: ChainCheck },
      },
    },
    async () => transparency.verify(),
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/consultations/:slug/moderation-log',
    {
      schema: {
        tags: ['transparency'],
        summary: 'Rejected submissions of a consultation, counted by reason category (one page)',
        params: SlugParams,
        response: { 200: Page(RejectionCount), ...problems(400, 404) },
      },
    },
    async (request) => {
      const consultation = await consultations.loadVisible(request.actor, request.params.slug);
      return { data: await submissions.moderationLog(consultation.id), nextCursor: null };
    },
  );
};
