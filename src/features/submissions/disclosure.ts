// The participation rule, applied in one place. Every surface that shows a submission to someone
// other than its author — pages, API, feeds, exports, search, e-mails to third parties, reports —
// receives a DisclosedSubmission built here and nothing else. Under `chatham_house` and
// `anonymous` it carries no name, organisation, user id or original file name, and only the day.
import {
  identitiesVisible,
  secretariatSeesIdentities,
  type Audience,
  type ParticipationRule,
} from '../../shared/consultation-rules.ts';
import type { AnswerRecord, CosignatureRecord, SubmissionRecord } from './submissions.store.ts';

export { identitiesVisible, type Audience };

export interface Attribution {
  displayName: string;
  organisation: { name: string; slug: string } | null;
}

export interface DisclosedSubmission {
  id: string;
  consultationSlug: string;
  status: SubmissionRecord['status'];
  language: string;
  freeText: string;
  answers: Array<{ questionId: string; position: number; question: string; text: string }>;
  /** YYYY-MM-DD: finer times could tell who posted. */
  publishedOn: string | null;
  /** When it was submitted, as `timeUnderRule` lets this audience see it. */
  submittedAt: string | null;
  /** Null unless the rule lets this audience see who wrote it. */
  author: Attribution | null;
  /** Confirmed co-signing organisations; empty unless identities may be shown. */
  cosignatories: Array<{ name: string; slug: string }>;
  /** How many organisations confirmed: a joint submission can say so without saying who. */
  cosignatoryCount: number;
  attachments: Array<{ id: string; fileName: string; mediaType: string; size: number }>;
}

export interface DisclosureInput {
  submission: SubmissionRecord;
  consultation: { slug: string; rule: ParticipationRule };
  questions: Array<{ id: string; position: number; text: string }>;
  answers: AnswerRecord[];
  cosignatures: CosignatureRecord[];
  attachments: Array<{ id: string; originalName: string; mediaType: string; size: number }>;
  /** Only looked up by callers when identitiesVisible() says so. */
  author?: Attribution | undefined;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/** A file name that says nothing about its author: "submission-<id>-2.pdf". */
export function neutralFileName(submissionId: string, position: number, mediaType: string): string {
  return `submission-${submissionId}-${position}.${EXTENSIONS[mediaType] ?? 'bin'}`;
}

/**
 * A time about a submission, as fine as the rule allows: to the minute (`YYYY-MM-DDTHH:MMZ`) only
 * for the secretariat, and only when it may see who wrote the text; otherwise the day
 * (`YYYY-MM-DD`). Under `anonymous` a minute could be matched with other traces of the author
 * (a mail's time, a log line) and tie them to the text.
 */
export function timeUnderRule(
  rule: ParticipationRule,
  audience: Audience,
  iso: string | null,
): string | null {
  if (!iso) return null;
  return audience === 'secretariat' && secretariatSeesIdentities(rule)
    ? `${iso.slice(0, 16)}Z`
    : iso.slice(0, 10);
}

export function disclose(input: DisclosureInput, audience: Audience): DisclosedSubmission {
  const { submission, consultation } = input;
  const visible = identitiesVisible(consultation.rule, audience);
  const confirmed = input.cosignatures.filter((c) => c.status === 'confirmed');
  const byId = new Map(input.questions.map((q) => [q.id, q]));
  return {
    id: submission.id,
    consultationSlug: consultation.slug,
    status: submission.status,
    language: submission.language,
    freeText: submission.freeText,
    answers: input.answers
      .map((a) => ({
        questionId: a.questionId,
        position: byId.get(a.questionId)?.position ?? 0,
        question: byId.get(a.questionId)?.text ?? '',
        text: a.text,
      }))
      .filter((a) => a.position > 0 && a.text.trim())
      .sort((a, b) => a.position - b.position),
    publishedOn: submission.publishedAt?.slice(0, 10) ?? null,
    submittedAt: timeUnderRule(consultation.rule, audience, submission.submittedAt),
    author: visible ? (input.author ?? null) : null,
    cosignatories: visible
      ? confirmed.map((c) => ({ name: c.organisationName, slug: c.organisationSlug }))
      : [],
    cosignatoryCount: confirmed.length,
    attachments: input.attachments.map((a, i) => ({
      id: a.id,
      fileName: visible ? a.originalName : neutralFileName(submission.id, i + 1, a.mediaType),
      mediaType: a.mediaType,
      size: a.size,
    })),
  };
}
