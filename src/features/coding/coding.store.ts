// SQL for the assisted-coding codebook (themes in the secretariat's order) and the labels the
// secretariat confirmed or corrected, one row per submission (the latest decision wins).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface ThemeRecord {
  id: string;
  position: number;
  label: string;
  description: string;
  stance: string | null;
}

export interface LabelRecord {
  submissionId: string;
  themeIds: string[];
  updatedAt: string;
}

function themeIdsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function codingStore(db: Kysely<DB>) {
  return {
    async themes(consultationId: string): Promise<ThemeRecord[]> {
      const rows = await db
        .selectFrom('coding_themes')
        .select(['id', 'position', 'label', 'description', 'stance'])
        .where('consultation_id', '=', consultationId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ ...r, position: Number(r.position) }));
    },
    async insertThemes(
      consultationId: string,
      themes: Array<Omit<ThemeRecord, 'position'>>,
    ): Promise<void> {
      if (themes.length === 0) return;
      const last = await db
        .selectFrom('coding_themes')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('consultation_id', '=', consultationId)
        .executeTakeFirst();
      const start = Number(last?.max ?? 0) + 1;
      await db
        .insertInto('coding_themes')
        .values(
          themes.map((th, i) => ({ ...th, consultation_id: consultationId, position: start + i })),
        )
        .execute();
    },
    async deleteTheme(consultationId: string, themeId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('coding_themes')
        .where('consultation_id', '=', consultationId)
        .where('id', '=', themeId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async labels(consultationId: string): Promise<LabelRecord[]> {
      const rows = await db
        .selectFrom('coding_labels')
        .select(['submission_id', 'theme_ids', 'updated_at'])
        .where('consultation_id', '=', consultationId)
        .orderBy('updated_at')
        .orderBy('submission_id')
        .execute();
      return rows.map((r) => ({
        submissionId: r.submission_id,
        themeIds: themeIdsOf(r.theme_ids),
        updatedAt: r.updated_at,
      }));
    },
    async saveLabel(
      consultationId: string,
      submissionId: string,
      themeIds: string[],
      now: string,
    ): Promise<void> {
      const values = { theme_ids: JSON.stringify(themeIds), updated_at: now };
      await db
        .insertInto('coding_labels')
        .values({ consultation_id: consultationId, submission_id: submissionId, ...values })
        .onConflict((oc) => oc.columns(['consultation_id', 'submission_id']).doUpdateSet(values))
        .execute();
    },
  };
}

export type CodingStore = ReturnType<typeof codingStore>;
