// Running a conversation: the facilitator creates and configures it, seeds statements, moderates
// what participants write, and exports it in the Pol.is layout; operators import one.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PolisConversation } from '../../engines/opinion-map/index.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import { requireFacilitator } from './deliberation.policy.ts';
import type {
  ConversationRecord,
  ConversationSettings,
  DeliberationStore,
  StatementRecord,
} from './deliberation.store.ts';
import { MAX_STATEMENT_LENGTH } from './deliberation.service.ts';
import { computeMap } from './map-cache.ts';
import { exportPolis, importPolis, type PolisFile } from './polis-io.ts';
import { withoutControlsDeep } from '../../shared/invisible-characters.ts';

export interface SettingsInput {
  topic: string;
  description: string;
  moderation: string;
  allowGuests: boolean;
  allowStatements: boolean;
}

export interface FacilitationDeps {
  db: Kysely<DB>;
  store: DeliberationStore;
  consultations: ConsultationsService;
  clock: Clock;
  baseUrl: string;
  /** Asks the job queue for a fresh map (debounced). */
  scheduleRecompute(conversationId: string): Promise<void>;
  /** Drops this instance's snapshot of the conversation, so votes see a change at once. */
  forget(slug: string): void;
}

function checkSettings(input: SettingsInput): ConversationSettings {
  const errors: Record<string, string> = {};
  const topic = input.topic.trim();
  if (!topic) errors.topic = 'errors.required';
  else if (topic.length > 200) errors.topic = 'errors.tooLong';
  if (input.description.length > 5000) errors.description = 'errors.tooLong';
  if (input.moderation !== 'before' && input.moderation !== 'after')
    errors.moderation = 'errors.choiceInvalid';
  if (Object.keys(errors).length) throw ValidationError(errors);
  return {
    topic,
    description: input.description.trim(),
    moderation: input.moderation as 'before' | 'after',
    allowGuests: input.allowGuests,
    allowStatements: input.allowStatements,
  };
}

export function facilitationService(deps: FacilitationDeps) {
  const { store, consultations, clock } = deps;
  const now = () => clock.now().toISOString();

  async function manage(
    actor: Actor,
    slug: string,
  ): Promise<{ consultation: ConsultationRecord; conversation: ConversationRecord | undefined }> {
    const consultation = await consultations.load(slug);
    requireFacilitator(actor, consultation);
    return { consultation, conversation: await store.findByConsultation(consultation.id) };
  }

  async function manageExisting(actor: Actor, slug: string) {
    const { consultation, conversation } = await manage(actor, slug);
    if (!conversation) throw NotFoundError('conversation');
    return { consultation, conversation };
  }

  async function exportFiles(
    consultation: ConsultationRecord,
    conversation: ConversationRecord,
  ): Promise<Record<PolisFile, string>> {
    const [statements, participants, votes] = await Promise.all([
      store.statements(conversation.id),
      store.participants(conversation.id),
      store.votes(conversation.id),
    ]);
    // The map is computed afresh from the exported votes, so group-id and group-informed
    // consensus describe exactly these files (the cached map may be a few votes behind, and it
    // keeps no participant's group).
    const map = votes.length > 0 ? computeMap(conversation, statements, participants, votes) : null;
    return exportPolis({
      conversation,
      title: consultation.title,
      url: `${deps.baseUrl}/consultations/${consultation.slug}/conversation`,
      exactTimes: consultation.rule === 'attributed',
      statements,
      participants,
      votes,
      map: map?.cache ?? null,
      groupOf: map?.groupOf ?? new Map(),
    });
  }

  return {
    manage,

    /** Creates the consultation's conversation, or updates its settings. */
    async configure(actor: Actor, slug: string, input: SettingsInput): Promise<void> {
      const { consultation, conversation } = await manage(actor, slug);
      const settings = checkSettings(input);
      if (conversation) await store.updateConversation(conversation.id, settings, now());
      else
        await store.insertConversation({
          ...settings,
          id: newId(),
          consultationId: consultation.id,
          now: now(),
        });
      deps.forget(slug);
    },

    /** Facilitator's statements, one per line: they show at once, whatever the moderation mode. */
    async seedStatements(actor: Actor, slug: string, text: string): Promise<number> {
      const { conversation } = await manageExisting(actor, slug);
      const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/\s+/g, ' '))
        .filter(Boolean);
      if (lines.length === 0) throw ValidationError({ statements: 'errors.required' });
      if (lines.some((l) => [...l].length > MAX_STATEMENT_LENGTH))
        throw ValidationError({ statements: 'errors.tooLong' });
      for (const body of lines)
        await store.insertStatement(conversation.id, {
          id: newId(),
          body,
          status: 'accepted',
          isSeed: true,
          authorParticipantId: null,
          now: now(),
        });
      deps.forget(slug);
      return lines.length;
    },

    /** Every statement, for moderation; authors are never shown, whatever the rule. */
    async statements(
      actor: Actor,
      slug: string,
    ): Promise<{
      consultation: ConsultationRecord;
      conversation: ConversationRecord;
      statements: StatementRecord[];
    }> {
      const { consultation, conversation } = await manageExisting(actor, slug);
      return { consultation, conversation, statements: await store.statements(conversation.id) };
    },

    async moderate(actor: Actor, slug: string, number: number, decision: string): Promise<void> {
      const { conversation } = await manageExisting(actor, slug);
      if (decision !== 'accept' && decision !== 'reject')
        throw ValidationError({ decision: 'errors.choiceInvalid' });
      const statement = Number.isSafeInteger(number)
        ? await store.statement(conversation.id, number)
        : undefined;
      if (!statement) throw NotFoundError('statement');
      await store.setStatus(
        statement.id,
        conversation.id,
        decision === 'accept' ? 'accepted' : 'rejected',
        now(),
      );
      deps.forget(slug);
      await deps.scheduleRecompute(conversation.id);
    },

    async exportForFacilitator(actor: Actor, slug: string): Promise<Record<PolisFile, string>> {
      const { consultation, conversation } = await manageExisting(actor, slug);
      return exportFiles(consultation, conversation);
    },

    /** For the operator's CLI, which acts with the instance's own authority. */
    async exportForOperator(slug: string): Promise<Record<PolisFile, string>> {
      const consultation = await consultations.load(slug);
      const conversation = await store.findByConsultation(consultation.id);
      if (!conversation) throw NotFoundError('conversation');
      return exportFiles(consultation, conversation);
    },

    /**
     * For the operator's CLI: a new conversation holding a Pol.is export. Its text is cleaned as
     * every request body is (controls removed, in place): a file from elsewhere is input too, and
     * PostgreSQL refuses a NUL outright.
     */
    async importForOperator(
      slug: string,
      exported: PolisConversation,
      exportedSettings: { topic: string; description: string },
    ) {
      const { polis, settings } = withoutControlsDeep({
        polis: exported,
        settings: exportedSettings,
      });
      const consultation = await consultations.load(slug);
      if (await store.findByConsultation(consultation.id))
        throw ConflictError('this consultation already has a conversation', 'conversation_exists');
      if (polis.comments.length === 0)
        throw new AppError('invalid_input', 'the export has no comments');
      const id = newId();
      await store.insertConversation({
        id,
        consultationId: consultation.id,
        topic: settings.topic || consultation.title,
        description: settings.description,
        moderation: 'after',
        allowGuests: false,
        allowStatements: true,
        now: now(),
      });
      const counts = await importPolis(deps.db, id, polis, now());
      deps.forget(slug);
      return { conversationId: id, ...counts };
    },
  };
}

export type FacilitationService = ReturnType<typeof facilitationService>;
