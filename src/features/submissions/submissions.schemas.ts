// API shapes of submissions. Public reads mirror DisclosedSubmission exactly (and the response
// serialiser drops anything not declared here, a second guard for the participation rule); the
// author's own receipts carry the text they sent and nothing about who they are.
import { Type, type Static } from '@sinclair/typebox';
import { REJECTION_CATEGORIES } from './submissions.service.ts';
import { SUBMISSION_STATUSES } from './submissions.store.ts';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
const Status = literals(SUBMISSION_STATUSES);
const OrgRef = Type.Object({ name: Type.String(), slug: Type.String() });
const MAX_TEXT = 20000;

export const PublicSubmission = Type.Object({
  id: Type.String(),
  consultationSlug: Type.String(),
  status: Status,
  language: Type.String(),
  freeText: Type.String(),
  answers: Type.Array(
    Type.Object({
      questionId: Type.String(),
      position: Type.Integer(),
      question: Type.String(),
      text: Type.String(),
    }),
  ),
  publishedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description: 'The day only: finer times could tell who posted.',
  }),
  author: Type.Union(
    [
      Type.Object({ displayName: Type.String(), organisation: Type.Union([OrgRef, Type.Null()]) }),
      Type.Null(),
    ],
    { description: 'Null unless the participation rule is attributed.' },
  ),
  cosignatories: Type.Array(OrgRef, {
    description: 'Confirmed co-signing organisations; empty unless the rule is attributed.',
  }),
  cosignatoryCount: Type.Integer({ minimum: 0 }),
  attachments: Type.Array(
    Type.Object({
      id: Type.String(),
      fileName: Type.String(),
      mediaType: Type.String(),
      size: Type.Integer(),
    }),
  ),
});

export const SubmissionWrite = Type.Object({
  idempotencyKey: Type.String({
    minLength: 1,
    maxLength: 100,
    pattern: '^[A-Za-z0-9._:-]+$',
    description:
      'Chosen by the client, reused on retries: the same key always lands on the same submission.',
  }),
  organisation: Type.Optional(
    Type.Union([Type.String({ maxLength: 120 }), Type.Null()], {
      description: 'Slug of an organisation you belong to, to submit on its behalf.',
    }),
  ),
  language: Type.String({ pattern: '^[a-z]{2,3}$' }),
  freeText: Type.Optional(Type.String({ maxLength: MAX_TEXT, default: '' })),
  answers: Type.Optional(
    Type.Array(
      Type.Object({
        questionId: Type.String({ maxLength: 40 }),
        text: Type.String({ maxLength: MAX_TEXT }),
      }),
      { maxItems: 200, default: [] },
    ),
  ),
  submit: Type.Boolean({ description: 'false saves a draft; true submits it for moderation.' }),
});

export const SubmissionReceipt = Type.Object({
  id: Type.String(),
  consultationSlug: Type.String(),
  status: Status,
  version: Type.Integer({ description: 'Number of submitted versions.' }),
  language: Type.String(),
  freeText: Type.String(),
  answers: Type.Array(Type.Object({ questionId: Type.String(), text: Type.String() })),
});

export const CosignatoryInvite = Type.Object({
  organisation: Type.String({
    minLength: 1,
    maxLength: 120,
    description: 'Slug of the organisation invited to co-sign.',
  }),
});
export const CosignatureParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9]{1,40}$' }),
  organisationSlug: Type.String({ pattern: '^[a-z0-9-]{1,120}$' }),
});
export const CosignatureDecision = Type.Object({
  decision: literals(['confirmed', 'declined'] as const),
});
export const CosignatureState = Type.Object({
  submissionId: Type.String(),
  organisation: Type.String(),
  status: literals(['invited', 'confirmed', 'declined'] as const),
});

export const ModerationDecision = Type.Object({
  action: literals(['publish', 'reject'] as const),
  category: Type.Optional(literals(REJECTION_CATEGORIES)),
  note: Type.Optional(
    Type.String({ maxLength: 2000, description: 'Told to the author; never published.' }),
  ),
});

export const SubmissionState = Type.Object({ id: Type.String(), status: Status });

export type PublicSubmissionDto = Static<typeof PublicSubmission>;
export type SubmissionWriteBody = Static<typeof SubmissionWrite>;
export type SubmissionReceiptDto = Static<typeof SubmissionReceipt>;
export type ModerationDecisionBody = Static<typeof ModerationDecision>;
