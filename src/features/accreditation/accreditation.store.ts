// SQL for accreditation requests: an organisation's request to a process and the secretariat's
// decision on it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type AccreditationStatus = 'pending' | 'accepted' | 'refused';

/** A request as the secretariat reviews it, with the organisation that made it. */
export interface AccreditationRequestRecord {
  id: string;
  status: AccreditationStatus;
  motivation: string;
  reason: string | null;
  createdAt: string;
  name: string;
  slug: string;
  stakeholderGroup: string;
}

export interface AccreditedOrganisationRecord {
  name: string;
  slug: string;
  stakeholderGroup: string;
}

export function accreditationStore(db: Kysely<DB>) {
  return {
    async decisionOf(
      processId: string,
      organisationId: string,
    ): Promise<{ status: AccreditationStatus; reason: string | null } | undefined> {
      const row = await db
        .selectFrom('accreditations')
        .select(['status', 'reason'])
        .where('process_id', '=', processId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      return row ? { status: row.status as AccreditationStatus, reason: row.reason } : undefined;
    },

    /** A new pending request, replacing a refused one of the same organisation. */
    async replaceWithRequest(request: {
      id: string;
      processId: string;
      organisationId: string;
      motivation: string;
      requestedBy: string;
      now: string;
    }): Promise<void> {
      await db
        .deleteFrom('accreditations')
        .where('process_id', '=', request.processId)
        .where('organisation_id', '=', request.organisationId)
        .execute();
      await db
        .insertInto('accreditations')
        .values({
          id: request.id,
          process_id: request.processId,
          organisation_id: request.organisationId,
          status: 'pending',
          motivation: request.motivation,
          reason: null,
          requested_by: request.requestedBy,
          decided_by: null,
          created_at: request.now,
          decided_at: null,
        })
        .execute();
    },

    async findInProcess(
      processId: string,
      id: string,
    ): Promise<{ id: string; organisationId: string } | undefined> {
      const row = await db
        .selectFrom('accreditations')
        .select(['id', 'organisation_id'])
        .where('id', '=', id)
        .where('process_id', '=', processId)
        .executeTakeFirst();
      return row ? { id: row.id, organisationId: row.organisation_id } : undefined;
    },

    async decide(
      id: string,
      decision: {
        status: AccreditationStatus;
        reason: string | null;
        decidedBy: string | null;
        now: string;
      },
    ): Promise<void> {
      await db
        .updateTable('accreditations')
        .set({
          status: decision.status,
          reason: decision.reason,
          decided_by: decision.decidedBy,
          decided_at: decision.now,
        })
        .where('id', '=', id)
        .execute();
    },

    async listForProcess(processId: string): Promise<AccreditationRequestRecord[]> {
      const rows = await db
        .selectFrom('accreditations as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select([
          'a.id',
          'a.status',
          'a.motivation',
          'a.reason',
          'a.created_at',
          'o.name',
          'o.slug',
          'o.stakeholder_group',
        ])
        .where('a.process_id', '=', processId)
        .orderBy('a.created_at')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        status: r.status as AccreditationStatus,
        motivation: r.motivation,
        reason: r.reason,
        createdAt: r.created_at,
        name: r.name,
        slug: r.slug,
        stakeholderGroup: r.stakeholder_group,
      }));
    },

    async accreditedOrganisations(processId: string): Promise<AccreditedOrganisationRecord[]> {
      const rows = await db
        .selectFrom('accreditations as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select(['o.name', 'o.slug', 'o.stakeholder_group'])
        .where('a.process_id', '=', processId)
        .where('a.status', '=', 'accepted')
        .orderBy('o.name')
        .execute();
      return rows.map((r) => ({
        name: r.name,
        slug: r.slug,
        stakeholderGroup: r.stakeholder_group,
      }));
    },
  };
}

export type AccreditationStore = ReturnType<typeof accreditationStore>;
