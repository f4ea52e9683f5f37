// SQL for submission attachments (the table comes with the submissions schema).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AttachmentRecord {
  id: string;
  submissionId: string;
  position: number;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

type Row = DB['submission_attachments'];
const toRecord = (r: Row): AttachmentRecord => ({
  id: r.id,
  submissionId: r.submission_id,
  position: Number(r.position),
  originalName: r.original_name,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  createdAt: r.created_at,
});

export function attachmentsStore(db: Kysely<DB>) {
  return {
    async findById(id: string): Promise<AttachmentRecord | undefined> {
      const row = await db
        .selectFrom('submission_attachments')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    /** Attachments of several submissions, each list in upload order. */
    async listFor(submissionIds: string[]): Promise<Map<string, AttachmentRecord[]>> {
      const map = new Map<string, AttachmentRecord[]>();
      if (submissionIds.length === 0) return map;
      const rows = await db
        .selectFrom('submission_attachments')
        .selectAll()
        .where('submission_id', 'in', submissionIds)
        .orderBy('position')
        .execute();
      for (const r of rows)
        map.set(r.submission_id, [...(map.get(r.submission_id) ?? []), toRecord(r)]);
      return map;
    },
    /**
     * Adds an attachment at the next position unless the submission already has `caps.files`, or
     * its files would then weigh more than `caps.bytes`. The no-op update locks the submission row
     * (on PostgreSQL too), so two parallel uploads cannot both take the last place or bytes.
     */
    async insertWithin(
      caps: { files: number; bytes: number },
      a: Omit<AttachmentRecord, 'position'>,
    ): Promise<'added' | 'too-many' | 'too-large'> {
      return db.transaction().execute(async (trx) => {
        await trx
          .updateTable('submissions')
          .set((eb) => ({ updated_at: eb.ref('updated_at') }))
          .where('id', '=', a.submissionId)
          .execute();
        const row = await trx
          .selectFrom('submission_attachments')
          .select([
            (eb) => eb.fn.countAll<string | number>().as('n'),
            (eb) => eb.fn.max<number | null>('position').as('last'),
            (eb) => eb.fn.sum<string | number | null>('size').as('bytes'),
          ])
          .where('submission_id', '=', a.submissionId)
          .executeTakeFirst();
        if (Number(row?.n ?? 0) >= caps.files) return 'too-many';
        if (Number(row?.bytes ?? 0) + a.size > caps.bytes) return 'too-large';
        await trx
          .insertInto('submission_attachments')
          .values({
            id: a.id,
            submission_id: a.submissionId,
            position: Number(row?.last ?? 0) + 1,
            original_name: a.originalName,
            media_type: a.mediaType,
            size: a.size,
            sha256: a.sha256,
            created_at: a.createdAt,
          })
          .execute();
        return 'added';
      });
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('submission_attachments').where('id', '=', id).execute();
    },
  };
}

export type AttachmentsStore = ReturnType<typeof attachmentsStore>;
