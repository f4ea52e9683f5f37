// /api/v1/processes: the public record of each process, its timeline, documents and relations.
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { pageOfList, type CursorCodec } from '../../http/api-cursor.ts';
import { Page, PageQuery, problems, SlugParams } from '../../http/api.schemas.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { ProcessRecord } from './processes.store.ts';
import type { ProcessesService } from './processes.service.ts';
import {
  ProcessDetail,
  ProcessSummary,
  type ProcessDetailDto,
  type ProcessSummaryDto,
} from './processes.schemas.ts';

export interface ProcessesApiOptions {
  processes: ProcessesService;
  consultations: ConsultationsService;
  cursors: CursorCodec;
}

function processSummary(p: ProcessRecord): ProcessSummaryDto {
  return {
    slug: p.slug,
    title: p.title,
    convener: p.convener,
    description: p.description,
    frameworks: p.frameworks,
    createdAt: p.createdAt,
  };
}

export const processesApi: FastifyPluginAsync<ProcessesApiOptions> = async (
  app,
  { processes, consultations, cursors },
) => {
  app.get<{ Querystring: Static<typeof PageQuery> }>(
    '/processes',
    {
      schema: {
        tags: ['processes'],
        summary: 'List processes, newest first',
        querystring: PageQuery,
        response: { 200: Page(ProcessSummary), ...problems(400) },
      },
    },
    async (request) => {
      const page = pageOfList(await processes.list(), cursors, request.query);
      return { data: page.data.map(processSummary), nextCursor: page.nextCursor };
    },
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/processes/:slug',
    {
      schema: {
        tags: ['processes'],
        summary: 'A process with its milestones, documents, related processes and consultations',
        params: SlugParams,
        response: { 200: ProcessDetail, ...problems(400, 404) },
      },
    },
    async (request): Promise<ProcessDetailDto> => {
      const { process, milestones, documents, links } = await processes.viewProcess(
        request.params.slug,
      );
      const own = await consultations.listForProcess(request.actor, process.id);
      return {
        ...processSummary(process),
        milestones: milestones.map((m) => ({
          kind: m.kind as ProcessDetailDto['milestones'][number]['kind'],
          title: m.title,
          date: m.date,
          description: m.description,
        })),
        documents: documents.map((d) => ({ title: d.title, url: d.url, language: d.language })),
        links: links.map((l) => ({
          kind: l.kind as ProcessDetailDto['links'][number]['kind'],
          direction: l.direction,
          slug: l.slug,
          title: l.title,
        })),
        consultations: own.map((c) => ({
          slug: c.slug,
          title: c.title,
          phase: consultations.phase(c),
        })),
      };
    },
  );
};
