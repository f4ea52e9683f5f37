// /api/v1/consultations: published consultations (drafts only for their secretariat) and questions.
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { pageOfList, type CursorCodec } from '../../http/api-cursor.ts';
import { Page, problems, SlugParams } from '../../http/api.schemas.ts';
import type { ProcessesService } from '../processes/index.ts';
import type { ConsultationRecord, QuestionRecord } from './consultations.store.ts';
import type { ConsultationsService } from './consultations.service.ts';
import {
  ConsultationDetail,
  ConsultationFilter,
  ConsultationSummary,
  Question,
  type ConsultationFilterQuery,
  type ConsultationSummaryDto,
  type QuestionDto,
} from './consultations.schemas.ts';

export interface ConsultationsApiOptions {
  consultations: ConsultationsService;
  processes: ProcessesService;
  cursors: CursorCodec;
}

const questionDto = (q: QuestionRecord): QuestionDto => ({
  id: q.id,
  position: q.position,
  text: q.text,
  help: q.help,
});

export const consultationsApi: FastifyPluginAsync<ConsultationsApiOptions> = async (
  app,
  { consultations, processes, cursors },
) => {
  async function summary(
    c: ConsultationRecord,
    processSlug?: string,
  ): Promise<ConsultationSummaryDto> {
    const process = processSlug ?? (await processes.findById(c.processId))?.slug ?? '';
    return {
      slug: c.slug,
      process,
      title: c.title,
      context: c.context,
      languages: c.languages,
      eligibility: c.eligibility,
      rule: c.rule,
      phase: consultations.phase(c),
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      timeZone: c.timeZone,
    };
  }

  async function published(filter: ConsultationFilterQuery): Promise<ConsultationSummaryDto[]> {
    const process = filter.process ? await processes.findBySlug(filter.process) : undefined;
    // An unknown process matches nothing, as any other filter value would.
    if (filter.process && !process) return [];
    const slugs = new Map((await processes.list()).map((p) => [p.id, p.slug]));
    const records = await consultations.listPublished({
      ...(process ? { processId: process.id } : {}),
      ...(filter.language ? { language: filter.language } : {}),
    });
    const rows = await Promise.all(records.map((c) => summary(c, slugs.get(c.processId))));
    return filter.phase ? rows.filter((c) => c.phase === filter.phase) : rows;
  }

  app.get<{ Querystring: ConsultationFilterQuery }>(
    '/consultations',
    {
      schema: {
        tags: ['consultations'],
        summary: 'List published consultations, latest deadline first',
        querystring: ConsultationFilter,
        response: { 200: Page(ConsultationSummary), ...problems(400) },
      },
    },
    async (request) => pageOfList(await published(request.query), cursors, request.query),
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/consultations/:slug',
    {
      schema: {
        tags: ['consultations'],
        summary: 'A consultation with its discussion questions',
        params: SlugParams,
        response: { 200: ConsultationDetail, ...problems(400, 404) },
      },
    },
    async (request) => {
      const consultation = await consultations.loadVisible(request.actor, request.params.slug);
      return {
        ...(await summary(consultation)),
        questions: (await consultations.questions(consultation.id)).map(questionDto),
      };
    },
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/consultations/:slug/questions',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The discussion questions, in order (one page)',
        params: SlugParams,
        response: { 200: Page(Question), ...problems(400, 404) },
      },
    },
    async (request) => {
      const consultation = await consultations.loadVisible(request.actor, request.params.slug);
      return {
        data: (await consultations.questions(consultation.id)).map(questionDto),
        nextCursor: null,
      };
    },
  );
};
