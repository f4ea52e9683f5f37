// SQL for the secretariat's responses to submissions, and the author's address and language for
// the notification (looked up only to send that e-mail; never shown to anyone).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const OUTCOMES = ['taken_up', 'partly', 'not_taken_up', 'out_of_scope'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ResponseRecord {
  submissionId: string;
  outcome: Outcome;
  explanation: string;
  reportItems: string[];
  updatedAt: string;
}

type Row = {
  submission_id: string;
  outcome: string;
  explanation: string;
  report_items: string;
  updated_at: string;
};

function record(row: Row): ResponseRecord {
  let items: unknown;
  try {
    items = JSON.parse(row.report_items);
  } catch {
    items = [];
  }
  return {
    submissionId: row.submission_id,
    outcome: row.outcome as Outcome,
    explanation: row.explanation,
    reportItems: Array.isArray(items) ? items.filter((x) => typeof x === 'string') : [],
    updatedAt: row.updated_at,
  };
}

const COLUMNS = ['submission_id', 'outcome', 'explanation', 'report_items', 'updated_at'] as const;

export function responsesStore(db: Kysely<DB>) {
  return {
    async forConsultation(consultationId: string): Promise<Map<string, ResponseRecord>> {
      const rows = await db
        .selectFrom('submission_responses')
        .select(COLUMNS)
        .where('consultation_id', '=', consultationId)
        .execute();
      return new Map(rows.map((r) => [r.submission_id, record(r)]));
    },
    async find(submissionId: string): Promise<ResponseRecord | undefined> {
      const row = await db
        .selectFrom('submission_responses')
        .select(COLUMNS)
        .where('submission_id', '=', submissionId)
        .executeTakeFirst();
      return row && record(row);
    },
    async save(consultationId: string, response: ResponseRecord): Promise<void> {
      const values = {
        outcome: response.outcome,
        explanation: response.explanation,
        report_items: JSON.stringify(response.reportItems),
        updated_at: response.updatedAt,
      };
      await db
        .insertInto('submission_responses')
        .values({
          submission_id: response.submissionId,
          consultation_id: consultationId,
          ...values,
        })
        .onConflict((oc) => oc.column('submission_id').doUpdateSet(values))
        .execute();
    },
    /** Where to tell the author: their address and preferred language. */
    async authorContact(
      submissionId: string,
    ): Promise<
      { authorId: string; consultationId: string; email: string; locale: string | null } | undefined
    > {
      return db
        .selectFrom('submissions')
        .innerJoin('users', 'users.id', 'submissions.author_id')
        .select([
          'users.id as authorId',
          'submissions.consultation_id as consultationId',
          'users.email as email',
          'users.locale as locale',
        ])
        .where('submissions.id', '=', submissionId)
        .executeTakeFirst();
    },
  };
}

export type ResponsesStore = ReturnType<typeof responsesStore>;
