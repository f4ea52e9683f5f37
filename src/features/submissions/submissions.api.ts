// /api/v1 submissions: published ones for everyone (only ever as DisclosedSubmission, so the
// participation rule holds here as on pages), and the writes a participant, a co-signing
// organisation or the secretariat make.
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { limitedBy } from '../../http/abuse-limits.ts';
import { requireApiUser } from '../../http/api-auth.ts';
import type { CursorCodec } from '../../http/api-cursor.ts';
import {
  IdParams,
  Page,
  PageQuery,
  problems,
  SECURED,
  SlugParams,
} from '../../http/api.schemas.ts';
import type { Actor } from '../../shared/actor.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { SubmissionsService } from './submissions.service.ts';
import type { SubmissionRecord } from './submissions.store.ts';
import {
  CosignatoryInvite,
  CosignatureDecision,
  CosignatureParams,
  CosignatureState,
  ModerationDecision,
  PublicSubmission,
  SubmissionReceipt,
  SubmissionState,
  SubmissionWrite,
  type ModerationDecisionBody,
  type SubmissionReceiptDto,
  type SubmissionWriteBody,
} from './submissions.schemas.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';

export interface SubmissionsApiOptions {
  submissions: SubmissionsService;
  consultations: ConsultationsService;
  cursors: CursorCodec;
}

const isBeforeId = (v: unknown): v is { before: string } =>
  typeof v === 'object' && v !== null && typeof (v as { before?: unknown }).before === 'string';
const RACE_ATTEMPTS = 3;
const writeSchema = { tags: ['submissions'], security: SECURED };

async function receipt(
  submissions: SubmissionsService,
  actor: Actor,
  consultationSlug: string,
  record: SubmissionRecord,
): Promise<SubmissionReceiptDto> {
  const { answers } = await submissions.ownWithContent(actor, record.id);
  return {
    id: record.id,
    consultationSlug,
    status: record.status,
    version: record.version,
    language: record.language,
    freeText: record.freeText,
    answers,
  };
}

/**
 * Saves or submits. Copies of one request can race past the idempotency lookup; the losers then
 * hit a unique index (the key, or the next version number) and, run again, find the winner's
 * submission, which the service leaves untouched when the content is the same.
 */
async function write(
  submissions: SubmissionsService,
  actor: Actor,
  slug: string,
  body: SubmissionWriteBody,
): Promise<SubmissionRecord> {
  const input = {
    idempotencyKey: body.idempotencyKey,
    organisationSlug: body.organisation ?? null,
    language: body.language,
    freeText: body.freeText ?? '',
    answers: body.answers ?? [],
  };
  return retryRaces(() =>
    body.submit
      ? submissions.submit(actor, slug, input)
      : submissions.saveDraft(actor, slug, input),
  );
}

/** Runs the write again only when a racing copy won a unique index; any other failure stands. */
export async function retryRaces<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= RACE_ATTEMPTS) throw error;
    }
  }
}

/** Published submissions, disclosed as the participation rule allows. */
function publicReads(
  app: FastifyInstance,
  { submissions, consultations, cursors }: SubmissionsApiOptions,
): void {
  app.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof PageQuery> }>(
    '/consultations/:slug/submissions',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Published submissions, newest first, as the participation rule allows',
        params: SlugParams,
        querystring: PageQuery,
        response: { 200: Page(PublicSubmission), ...problems(400, 404) },
      },
    },
    async (request) => {
      const consultation = await consultations.loadVisible(request.actor, request.params.slug);
      const beforeId = cursors.open(request.query.cursor, isBeforeId)?.before;
      const page = await submissions.publicPage(consultation, {
        limit: request.query.limit,
        beforeId,
      });
      return {
        data: page.items,
        nextCursor: page.next ? cursors.seal({ before: page.next }) : null,
      };
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/submissions/:id',
    {
      schema: {
        tags: ['submissions'],
        summary: 'One published submission',
        params: IdParams,
        response: { 200: PublicSubmission, ...problems(400, 404) },
      },
    },
    async (request) => (await submissions.publicOne(request.params.id)).submission,
  );
}

/** Create, update or submit one's own text, idempotently. */
function drafting(app: FastifyInstance, { submissions }: SubmissionsApiOptions): void {
  app.post<{ Params: Static<typeof SlugParams>; Body: SubmissionWriteBody }>(
    '/consultations/:slug/submissions',
    {
      ...limitedBy('submissions'),
      preValidation: requireApiUser,
      schema: {
        ...writeSchema,
        summary:
          'Create or update your draft, or submit it; retries with the same idempotencyKey return the same submission',
        params: SlugParams,
        body: SubmissionWrite,
        response: {
          200: SubmissionReceipt,
          201: SubmissionReceipt,
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const existed =
        (await submissions.ownByIdempotencyKey(request.actor, request.body.idempotencyKey)) !==
        undefined;
      const record = await write(submissions, request.actor, request.params.slug, request.body);
      return reply
        .code(existed ? 200 : 201)
        .send(await receipt(submissions, request.actor, request.params.slug, record));
    },
  );
}

/** What the author does afterwards: withdraw, invite co-signatories. */
function authorActions(app: FastifyInstance, { submissions }: SubmissionsApiOptions): void {
  app.post<{ Params: Static<typeof IdParams> }>(
    '/submissions/:id/withdraw',
    {
      preValidation: requireApiUser,
      schema: {
        ...writeSchema,
        summary: 'Withdraw your submission (it leaves every public surface)',
        params: IdParams,
        response: { 200: SubmissionState, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await submissions.withdraw(request.actor, request.params.id);
      return { id: request.params.id, status: 'withdrawn' as const };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CosignatoryInvite> }>(
    '/submissions/:id/cosignatories',
    {
      ...limitedBy('cosignature-requests'),
      preValidation: requireApiUser,
      schema: {
        ...writeSchema,
        summary: 'Invite an organisation to co-sign your submission',
        params: IdParams,
        body: CosignatoryInvite,
        response: { 200: CosignatureState, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      await submissions.inviteCosignatory(
        request.actor,
        request.params.id,
        request.body.organisation,
      );
      return {
        submissionId: request.params.id,
        organisation: request.body.organisation,
        status: 'invited' as const,
      };
    },
  );
}

/** Decisions by others: a co-signing organisation's member, the secretariat. */
function decisions(app: FastifyInstance, { submissions }: SubmissionsApiOptions): void {
  app.post<{ Params: Static<typeof CosignatureParams>; Body: Static<typeof CosignatureDecision> }>(
    '/submissions/:id/cosignatures/:organisationSlug',
    {
      preValidation: requireApiUser,
      schema: {
        ...writeSchema,
        summary: 'Confirm or decline co-signing, as a member of the invited organisation',
        params: CosignatureParams,
        body: CosignatureDecision,
        response: { 200: CosignatureState, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id, organisationSlug } = request.params;
      await submissions.decideCosignature(
        request.actor,
        id,
        organisationSlug,
        request.body.decision,
      );
      return { submissionId: id, organisation: organisationSlug, status: request.body.decision };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: ModerationDecisionBody }>(
    '/submissions/:id/moderation',
    {
      preValidation: requireApiUser,
      schema: {
        ...writeSchema,
        summary: "Publish or reject a submitted text (the process's secretariat)",
        params: IdParams,
        body: ModerationDecision,
        response: { 200: SubmissionState, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { action, category, note } = request.body;
      await submissions.moderate(
        request.actor,
        request.params.id,
        action === 'publish' ? { action } : { action, category: category ?? '', note: note ?? '' },
      );
      return {
        id: request.params.id,
        status: action === 'publish' ? ('published' as const) : ('rejected' as const),
      };
    },
  );
}

export const submissionsApi: FastifyPluginAsync<SubmissionsApiOptions> = async (app, options) => {
  publicReads(app, options);
  drafting(app, options);
  authorActions(app, options);
  decisions(app, options);
};
