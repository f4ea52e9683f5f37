// Accreditation of organisations to a process: an organisation asks, the secretariat accepts or
// refuses with a reason. Accredited organisations may submit to consultations restricted to them.
import type { RunInTransaction } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { OrganisationsStore } from '../organisations/index.ts';
import { requireSecretariat } from '../../shared/process-policy.ts';
import type { TransparencyService } from '../transparency/index.ts';
import type { AccreditationStatus, AccreditationStore } from './accreditation.store.ts';

export type { AccreditationStatus };

export interface AccreditationDeps {
  store: AccreditationStore;
  organisations: OrganisationsStore;
  transparency: TransparencyService;
  /** Runs a command as one transaction (its write and its log entry). */
  transaction: RunInTransaction;
  clock: Clock;
}

export function accreditationService(deps: AccreditationDeps) {
  const { store, organisations, transparency, transaction, clock } = deps;
  const now = () => clock.now().toISOString();

  return {
    async requestAccreditation(
      actor: Actor,
      processId: string,
      organisationSlug: string,
      motivation: string,
    ): Promise<void> {
      if (!actor.user) throw UnauthenticatedError();
      const org = await organisations.findBySlug(organisationSlug);
      if (!org) throw ValidationError({ organisation: 'errors.choiceInvalid' });
      const role = await organisations.roleOf(org.id, actor.user.id);
      if (role !== 'owner' && role !== 'admin')
        throw ForbiddenError('only owners and administrators of the organisation may ask');
      if (motivation.length > 2000) throw ValidationError({ motivation: 'errors.tooLong' });
      const existing = await store.decisionOf(processId, org.id);
      if (existing && existing.status !== 'refused')
        throw ConflictError('already requested', 'already_requested');
      await store.replaceWithRequest({
        id: newId(),
        processId,
        organisationId: org.id,
        motivation: motivation.trim(),
        requestedBy: actor.user.id,
        now: now(),
      });
    },

    async decideAccreditation(
      actor: Actor,
      processId: string,
      accreditationId: string,
      decision: 'accepted' | 'refused',
      reason: string,
    ): Promise<void> {
      requireSecretariat(actor, processId);
      if (decision === 'refused' && !reason.trim())
        throw ValidationError({ reason: 'errors.reasonRequired' });
      const request = await store.findInProcess(processId, accreditationId);
      if (!request) throw NotFoundError('accreditation');
      await transaction(async () => {
        await store.decide(request.id, {
          status: decision,
          reason: reason.trim() || null,
          decidedBy: actor.user?.id ?? null,
          now: now(),
        });
        // Organisations are public actors: naming the accredited organisation is the point of the log.
        await transparency.append('accreditation_decided', 'process', processId, {
          organisation: request.organisationId,
          decision,
        });
      });
    },

    async listForProcess(actor: Actor, processId: string) {
      requireSecretariat(actor, processId);
      return store.listForProcess(processId);
    },

    accreditedOrganisations: (processId: string) => store.accreditedOrganisations(processId),

    /** The organisation's own view of its request: the status, and the reason if refused. */
    async decisionOf(
      processId: string,
      organisationId: string,
    ): Promise<{ status: AccreditationStatus; reason: string | null } | null> {
      return (await store.decisionOf(processId, organisationId)) ?? null;
    },

    async statusOf(processId: string, organisationId: string): Promise<AccreditationStatus | null> {
      return (await store.decisionOf(processId, organisationId))?.status ?? null;
    },
  };
}

export type AccreditationService = ReturnType<typeof accreditationService>;
