// SQL for report drafts and published versions, and the profile categories the Participation
// figures count (stakeholder group and country only: never a name or an id of a person).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { FigureInput } from './report-versions.ts';
import {
  emptySections,
  type MethodNote,
  type ReportItem,
  type ReportSections,
} from './report-model.ts';

export interface DraftRecord {
  consultationId: string;
  sections: ReportSections;
  items: ReportItem[];
  method: MethodNote | null;
  providerEnabled: boolean;
  jobId: string | null;
  generatedAt: string | null;
  updatedAt: string;
  /** What the figures of the latest generation were computed from; null before it was kept. */
  figureInput: FigureInput | null;
}

export interface VersionRecord {
  version: number;
  language: Locale;
  sections: ReportSections;
  items: ReportItem[];
  publishedOn: string;
  /** The version whose figures this one prints; null: published before versions were audited. */
  figuresVersion: number | null;
}

const parse = <T>(json: string, fallback: T): T => {
  try {
    return (JSON.parse(json) as T) ?? fallback;
  } catch {
    return fallback;
  }
};

export function reportsStore(db: Kysely<DB>) {
  // Concurrent first requests for a draft all end with the one row: the insert yields to
  // whichever came first instead of checking beforehand (which two requests can both pass).
  async function ensureDraft(consultationId: string, now: string): Promise<void> {
    await db
      .insertInto('report_drafts')
      .values({
        consultation_id: consultationId,
        sections: JSON.stringify(emptySections()),
        items: '[]',
        method: 'null',
        provider_enabled: 0,
        job_id: null,
        generated_at: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('consultation_id').doNothing())
      .execute();
  }

  return {
    async findDraft(consultationId: string): Promise<DraftRecord | undefined> {
      const row = await db
        .selectFrom('report_drafts')
        .selectAll()
        .where('consultation_id', '=', consultationId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        consultationId,
        sections: { ...emptySections(), ...parse<Partial<ReportSections>>(row.sections, {}) },
        items: parse<ReportItem[]>(row.items, []),
        method: parse<MethodNote | null>(row.method, null),
        providerEnabled: Number(row.provider_enabled) === 1,
        jobId: row.job_id,
        generatedAt: row.generated_at,
        updatedAt: row.updated_at,
        figureInput: parse<FigureInput | null>(row.figure_input ?? 'null', null),
      };
    },
    async saveGenerated(
      consultationId: string,
      draft: {
        sections: ReportSections;
        items: ReportItem[];
        method: MethodNote;
        figureInput: FigureInput;
      },
      now: string,
    ): Promise<void> {
      await ensureDraft(consultationId, now);
      await db
        .updateTable('report_drafts')
        .set({
          sections: JSON.stringify(draft.sections),
          items: JSON.stringify(draft.items),
          method: JSON.stringify(draft.method),
          figure_input: JSON.stringify(draft.figureInput),
          generated_at: now,
          updated_at: now,
        })
        .where('consultation_id', '=', consultationId)
        .execute();
    },
    async saveSections(
      consultationId: string,
      sections: ReportSections,
      now: string,
    ): Promise<void> {
      await ensureDraft(consultationId, now);
      await db
        .updateTable('report_drafts')
        .set({ sections: JSON.stringify(sections), updated_at: now })
        .where('consultation_id', '=', consultationId)
        .execute();
    },
    async setJob(consultationId: string, jobId: string, now: string): Promise<void> {
      await ensureDraft(consultationId, now);
      await db
        .updateTable('report_drafts')
        .set({ job_id: jobId, updated_at: now })
        .where('consultation_id', '=', consultationId)
        .execute();
    },
    async setProviderEnabled(consultationId: string, enabled: boolean, now: string): Promise<void> {
      await ensureDraft(consultationId, now);
      await db
        .updateTable('report_drafts')
        .set({ provider_enabled: enabled ? 1 : 0, updated_at: now })
        .where('consultation_id', '=', consultationId)
        .execute();
    },
    async versions(
      consultationId: string,
    ): Promise<Array<{ version: number; publishedOn: string }>> {
      const rows = await db
        .selectFrom('report_versions')
        .select(['version', 'published_on'])
        .where('consultation_id', '=', consultationId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map((r) => ({ version: Number(r.version), publishedOn: r.published_on }));
    },
    async findVersion(consultationId: string, version: number): Promise<VersionRecord | undefined> {
      const row = await db
        .selectFrom('report_versions')
        .selectAll()
        .where('consultation_id', '=', consultationId)
        .where('version', '=', version)
        .executeTakeFirst();
      return (
        row && {
          version: Number(row.version),
          language: row.language as Locale,
          sections: { ...emptySections(), ...parse<Partial<ReportSections>>(row.sections, {}) },
          items: parse<ReportItem[]>(row.items, []),
          publishedOn: row.published_on,
          figuresVersion: row.figures_version === null ? null : Number(row.figures_version),
        }
      );
    },
    /** The figure sets published so far, oldest first: those of versions printing their own. */
    async publishedFigures(
      consultationId: string,
    ): Promise<Array<{ version: number; publishedOn: string; input: FigureInput }>> {
      const rows = await db
        .selectFrom('report_versions')
        .select(['version', 'published_on', 'figure_input'])
        .where('consultation_id', '=', consultationId)
        .where('figure_input', 'is not', null)
        .orderBy('version', 'asc')
        .execute();
      return rows.map((r) => ({
        version: Number(r.version),
        publishedOn: r.published_on,
        input: JSON.parse(r.figure_input!) as FigureInput,
      }));
    },
    async insertVersion(
      consultationId: string,
      record: VersionRecord & { figureInput: FigureInput | null },
    ): Promise<void> {
      await db
        .insertInto('report_versions')
        .values({
          consultation_id: consultationId,
          version: record.version,
          language: record.language,
          sections: JSON.stringify(record.sections),
          items: JSON.stringify(record.items),
          published_on: record.publishedOn,
          figure_input: record.figureInput && JSON.stringify(record.figureInput),
          figures_version: record.figuresVersion,
        })
        .execute();
    },
    /** Stakeholder group and country of each published submission: the organisation's when written on its behalf. */
    async profileCategories(consultationId: string): Promise<
      Array<{
        submissionId: string;
        contributor: string;
        stakeholderGroup: string | null;
        country: string | null;
      }>
    > {
      const rows = await db
        .selectFrom('submissions')
        .innerJoin('users', 'users.id', 'submissions.author_id')
        .leftJoin('organisations', 'organisations.id', 'submissions.organisation_id')
        .select([
          'submissions.id as id',
          'submissions.author_id as authorId',
          'submissions.organisation_id as orgId',
          'users.stakeholder_group as userGroup',
          'users.country as userCountry',
          'organisations.stakeholder_group as orgGroup',
          'organisations.country as orgCountry',
        ])
        .where('submissions.consultation_id', '=', consultationId)
        .where('submissions.status', '=', 'published')
        .execute();
      return rows.map((r) => ({
        submissionId: r.id,
        // The organisation a text speaks for, else its author: each counts once (report-figures.ts).
        contributor: r.orgId ? `organisation:${r.orgId}` : `person:${r.authorId}`,
        stakeholderGroup: r.orgGroup ?? r.userGroup,
        country: r.orgCountry ?? r.userCountry,
      }));
    },
  };
}

export type ReportsStore = ReturnType<typeof reportsStore>;
