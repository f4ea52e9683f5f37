// Accreditation of organisations to a process: an organisation asks, the secretariat accepts or
// refuses with a reason. Accredited organisations may submit to consultations restricted to them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { OrganisationsStore } from '../organisations/index.ts';
import { requireSecretariat } from '../../shared/process-policy.ts';
import type { TransparencyService } from '../transparency/index.ts';

export type AccreditationStatus = 'pending' | 'accepted' | 'refused';

export interface AccreditationDeps {
  db: Kysely<DB>;
  organisations: OrganisationsStore;
  transparency: TransparencyService;
  clock: Clock;
}

export function accreditationService(deps: AccreditationDeps) {
  const { db, organisations, transparency, clock } = deps;
  const now = () => clock.now().toISOString();

  return {
    async requestAccreditation(actor: Actor, processId: string, organisationSlug: string, motivation: string): Promise<void> {
      if (!actor.user) throw UnauthenticatedError();
      const org = await organisations.findBySlug(organisationSlug);
      if (!org) throw ValidationError({ organisation: 'errors.choiceInvalid' });
      const role = await organisations.roleOf(org.id, actor.user.id);
      if (role !== 'owner' && role !== 'admin') throw ForbiddenError('only owners and administrators of the organisation may ask');
      if (motivation.length > 2000) throw ValidationError({ motivation: 'errors.tooLong' });
      const existing = await db.selectFrom('accreditations').select(['status']).where('process_id', '=', processId).where('organisation_id', '=', org.id).executeTakeFirst();
      if (existing && existing.status !== 'refused') throw ConflictError('already requested', 'already_requested');
      await db.deleteFrom('accreditations').where('process_id', '=', processId).where('organisation_id', '=', org.id).execute();
      await db
        .insertInto('accreditations')
        .values({ id: newId(), process_id: processId, organisation_id: org.id, status: 'pending', motivation: motivation.trim(), reason: null, requested_by: actor.user.id, decided_by: null, created_at: now(), decided_at: null })
        .execute();
    },

    async decideAccreditation(actor: Actor, processId: string, accreditationId: string, decision: 'accepted' | 'refused', reason: string): Promise<void> {
      requireSecretariat(actor, processId);
      if (decision === 'refused' && !reason.trim()) throw ValidationError({ reason: 'errors.reasonRequired' });
      const row = await db.selectFrom('accreditations').select(['id', 'organisation_id']).where('id', '=', accreditationId).where('process_id', '=', processId).executeTakeFirst();
      if (!row) throw NotFoundError('accreditation');
      await db.updateTable('accreditations').set({ status: decision, reason: reason.trim() || null, decided_by: actor.user?.id ?? null, decided_at: now() }).where('id', '=', row.id).execute();
      // Organisations are public actors: naming the accredited organisation is the point of the log.
      await transparency.append('accreditation_decided', 'process', processId, { organisation: row.organisation_id, decision });
    },

    async listForProcess(actor: Actor, processId: string) {
      requireSecretariat(actor, processId);
      return db
        .selectFrom('accreditations as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select(['a.id', 'a.status', 'a.motivation', 'a.reason', 'a.created_at', 'o.name', 'o.slug', 'o.stakeholder_group'])
        .where('a.process_id', '=', processId)
        .orderBy('a.created_at')
        .execute();
    },

    async accreditedOrganisations(processId: string) {
      return db
        .selectFrom('accreditations as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select(['o.name', 'o.slug', 'o.stakeholder_group'])
        .where('a.process_id', '=', processId)
        .where('a.status', '=', 'accepted')
        .orderBy('o.name')
        .execute();
    },

    /** The organisation's own view of its request: the status, and the reason if refused. */
    async decisionOf(processId: string, organisationId: string): Promise<{ status: AccreditationStatus; reason: string | null } | null> {
      const row = await db.selectFrom('accreditations').select(['status', 'reason']).where('process_id', '=', processId).where('organisation_id', '=', organisationId).executeTakeFirst();
      return row ? { status: row.status as AccreditationStatus, reason: row.reason } : null;
    },

    async statusOf(processId: string, organisationId: string): Promise<AccreditationStatus | null> {
      const row = await db.selectFrom('accreditations').select('status').where('process_id', '=', processId).where('organisation_id', '=', organisationId).executeTakeFirst();
      return (row?.status as AccreditationStatus | undefined) ?? null;
    },
  };
}

export type AccreditationService = ReturnType<typeof accreditationService>;
