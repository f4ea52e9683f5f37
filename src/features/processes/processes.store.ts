// SQL for processes, their milestones, documents and links.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface ProcessRecord {
  id: string;
  slug: string;
  title: string;
  convener: string;
  description: string;
  frameworks: string[];
  createdAt: string;
}

export interface MilestoneRecord {
  id: string;
  kind: string;
  title: string;
  date: string;
  description: string;
}

export interface DocumentRecord {
  id: string;
  title: string;
  url: string;
  language: string | null;
}

export interface ProcessLinkRecord {
  kind: string;
  direction: 'outgoing' | 'incoming';
  slug: string;
  title: string;
}

type ProcessRow = {
  id: string;
  slug: string;
  title: string;
  convener: string;
  description: string;
  frameworks: string;
  created_at: string;
};
const toProcess = (r: ProcessRow): ProcessRecord => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  convener: r.convener,
  description: r.description,
  frameworks: JSON.parse(r.frameworks) as string[],
  createdAt: r.created_at,
});

export function processesStore(db: Kysely<DB>) {
  const columns = [
    'id',
    'slug',
    'title',
    'convener',
    'description',
    'frameworks',
    'created_at',
  ] as const;
  return {
    async list(): Promise<ProcessRecord[]> {
      return (
        await db.selectFrom('processes').select(columns).orderBy('created_at', 'desc').execute()
      ).map(toProcess);
    },
    async findBySlug(slug: string): Promise<ProcessRecord | undefined> {
      const row = await db
        .selectFrom('processes')
        .select(columns)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toProcess(row);
    },
    async findById(id: string): Promise<ProcessRecord | undefined> {
      const row = await db
        .selectFrom('processes')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toProcess(row);
    },
    async slugExists(slug: string): Promise<boolean> {
      return (
        (await db
          .selectFrom('processes')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirst()) !== undefined
      );
    },
    async insert(p: ProcessRecord): Promise<void> {
      await db
        .insertInto('processes')
        .values({
          id: p.id,
          slug: p.slug,
          title: p.title,
          convener: p.convener,
          description: p.description,
          frameworks: JSON.stringify(p.frameworks),
          created_at: p.createdAt,
          updated_at: p.createdAt,
        })
        .execute();
    },
    async update(
      id: string,
      p: Pick<ProcessRecord, 'title' | 'convener' | 'description' | 'frameworks'>,
      now: string,
    ): Promise<void> {
      await db
        .updateTable('processes')
        .set({
          title: p.title,
          convener: p.convener,
          description: p.description,
          frameworks: JSON.stringify(p.frameworks),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
    async milestones(processId: string): Promise<MilestoneRecord[]> {
      return db
        .selectFrom('process_milestones')
        .select(['id', 'kind', 'title', 'date', 'description'])
        .where('process_id', '=', processId)
        .orderBy('date')
        .orderBy('id')
        .execute();
    },
    async insertMilestone(processId: string, m: MilestoneRecord): Promise<void> {
      await db
        .insertInto('process_milestones')
        .values({
          id: m.id,
          process_id: processId,
          kind: m.kind,
          title: m.title,
          date: m.date,
          description: m.description,
        })
        .execute();
    },
    async deleteMilestone(processId: string, id: string): Promise<void> {
      await db
        .deleteFrom('process_milestones')
        .where('process_id', '=', processId)
        .where('id', '=', id)
        .execute();
    },
    async documents(processId: string): Promise<DocumentRecord[]> {
      return db
        .selectFrom('process_documents')
        .select(['id', 'title', 'url', 'language'])
        .where('process_id', '=', processId)
        .orderBy('position')
        .execute();
    },
    async insertDocument(processId: string, d: DocumentRecord): Promise<void> {
      const row = await db
        .selectFrom('process_documents')
        .select((eb) => eb.fn.max<number>('position').as('max'))
        .where('process_id', '=', processId)
        .executeTakeFirst();
      await db
        .insertInto('process_documents')
        .values({
          id: d.id,
          process_id: processId,
          title: d.title,
          url: d.url,
          language: d.language,
          position: Number(row?.max ?? 0) + 1,
        })
        .execute();
    },
    async deleteDocument(processId: string, id: string): Promise<void> {
      await db
        .deleteFrom('process_documents')
        .where('process_id', '=', processId)
        .where('id', '=', id)
        .execute();
    },
    async links(processId: string): Promise<ProcessLinkRecord[]> {
      const outgoing = await db
        .selectFrom('process_links as l')
        .innerJoin('processes as p', 'p.id', 'l.to_process_id')
        .select(['l.kind', 'p.slug', 'p.title'])
        .where('l.from_process_id', '=', processId)
        .execute();
      const incoming = await db
        .selectFrom('process_links as l')
        .innerJoin('processes as p', 'p.id', 'l.from_process_id')
        .select(['l.kind', 'p.slug', 'p.title'])
        .where('l.to_process_id', '=', processId)
        .execute();
      return [
        ...outgoing.map((l) => ({ ...l, direction: 'outgoing' as const })),
        ...incoming.map((l) => ({ ...l, direction: 'incoming' as const })),
      ];
    },
    async insertLink(fromId: string, toId: string, kind: string): Promise<void> {
      await db
        .insertInto('process_links')
        .values({ from_process_id: fromId, to_process_id: toId, kind })
        .onConflict((oc) => oc.columns(['from_process_id', 'to_process_id']).doUpdateSet({ kind }))
        .execute();
    },
    async deleteLink(a: string, b: string): Promise<void> {
      await db
        .deleteFrom('process_links')
        .where((eb) =>
          eb.or([
            eb.and([eb('from_process_id', '=', a), eb('to_process_id', '=', b)]),
            eb.and([eb('from_process_id', '=', b), eb('to_process_id', '=', a)]),
          ]),
        )
        .execute();
    },
  };
}

export type ProcessesStore = ReturnType<typeof processesStore>;
