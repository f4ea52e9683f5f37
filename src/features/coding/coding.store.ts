// SQL for the assisted-coding codebook (themes in the secretariat's order) and the labels the
// secretariat confirmed or corrected, one row per submission (the latest decision wins), and the
// provider's embeddings of inputs and themes, cached by model and text hash.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface ThemeRecord {
  id: string;
  position: number;
  label: string;
  description: string;
  stance: string | null;
}

export interface EmbeddingRecord {
  inputId: string;
  textHash: string;
  vector: Float32Array;
}

const encodeVector = (v: readonly number[]) =>
  Buffer.from(Float32Array.from(v).buffer).toString('base64');

function decodeVector(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  // Copied so the floats are aligned whatever the Buffer's offset in its pool.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
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
    /** Every cached embedding of the consultation for one model. */
    async embeddings(consultationId: string, model: string): Promise<EmbeddingRecord[]> {
      const rows = await db
        .selectFrom('coding_embeddings')
        .select(['input_id', 'text_hash', 'vector'])
        .where('consultation_id', '=', consultationId)
        .where('model', '=', model)
        .execute();
      return rows.map((r) => ({
        inputId: r.input_id,
        textHash: r.text_hash,
        vector: decodeVector(r.vector),
      }));
    },
    async saveEmbeddings(
      consultationId: string,
      model: string,
      rows: Array<{ inputId: string; textHash: string; vector: number[] }>,
      now: string,
    ): Promise<void> {
      // Batches keep under the dialects' limits on bound parameters.
      for (let start = 0; start < rows.length; start += 200)
        await db
          .insertInto('coding_embeddings')
          .values(
            rows.slice(start, start + 200).map((r) => ({
              consultation_id: consultationId,
              input_id: r.inputId,
              model,
              text_hash: r.textHash,
              vector: encodeVector(r.vector),
              created_at: now,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['consultation_id', 'input_id', 'model', 'text_hash']).doNothing(),
          )
          .execute();
    },
    /** Drops the embeddings of texts no longer current (edited, withdrawn, removed themes). */
    async pruneEmbeddings(
      consultationId: string,
      model: string,
      current: ReadonlyMap<string, string>,
    ): Promise<number> {
      const kept = await db
        .selectFrom('coding_embeddings')
        .select(['input_id', 'text_hash'])
        .where('consultation_id', '=', consultationId)
        .where('model', '=', model)
        .execute();
      const stale = kept.filter((e) => current.get(e.input_id) !== e.text_hash);
      for (const e of stale)
        await db
          .deleteFrom('coding_embeddings')
          .where('consultation_id', '=', consultationId)
          .where('input_id', '=', e.input_id)
          .where('model', '=', model)
          .where('text_hash', '=', e.text_hash)
          .execute();
      return stale.length;
    },
    async refreshJob(consultationId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('coding_refreshes')
        .select('job_id')
        .where('consultation_id', '=', consultationId)
        .executeTakeFirst();
      return row?.job_id;
    },
    async setRefreshJob(consultationId: string, jobId: string, now: string): Promise<void> {
      const values = { job_id: jobId, requested_at: now };
      await db
        .insertInto('coding_refreshes')
        .values({ consultation_id: consultationId, ...values })
        .onConflict((oc) => oc.column('consultation_id').doUpdateSet(values))
        .execute();
    },
  };
}

export type CodingStore = ReturnType<typeof codingStore>;
