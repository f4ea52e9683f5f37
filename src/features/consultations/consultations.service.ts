// Consultation use cases: the secretariat drafts, publishes and closes a consultation and its
// discussion questions; everyone reads published ones.
import type { RunInTransaction } from '../../db/database.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { isTimeZone, zonedToUtc } from '../../shared/time-zones.ts';
import { isLocale } from '../../i18n/locales.ts';
import { slugify } from '../organisations/index.ts';
import { isSecretariat, requireSecretariat } from '../../shared/process-policy.ts';
import type { ProcessesService } from '../processes/index.ts';
import type { PublicIndex } from '../search/index.ts';
import type { TransparencyService } from '../transparency/index.ts';
import type {
  ConsultationFields,
  ConsultationRecord,
  ConsultationsStore,
  QuestionRecord,
} from './consultations.store.ts';
import { isEligibility, isParticipationRule, phaseOf } from '../../shared/consultation-rules.ts';

export interface ConsultationInput {
  title: string;
  context: string;
  languages: string[];
  eligibility: string;
  rule: string;
  /** Wall-clock "YYYY-MM-DDTHH:mm" in timeZone. */
  opensAtLocal: string;
  closesAtLocal: string;
  timeZone: string;
}

export interface QuestionInput {
  id?: string;
  text: string;
  help: string;
}

function checkConsultation(input: ConsultationInput): ConsultationFields {
  const errors: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) errors.title = 'errors.required';
  else if (title.length > 200) errors.title = 'errors.tooLong';
  if (input.context.length > 50000) errors.context = 'errors.tooLong';
  const languages = [...new Set(input.languages)].filter(isLocale);
  if (languages.length === 0) errors.languages = 'errors.required';
  if (!isEligibility(input.eligibility)) errors.eligibility = 'errors.choiceInvalid';
  if (!isParticipationRule(input.rule)) errors.rule = 'errors.choiceInvalid';
  if (!isTimeZone(input.timeZone)) errors.timeZone = 'errors.choiceInvalid';
  const opensAt = zonedToUtc(input.opensAtLocal, input.timeZone);
  const closesAt = zonedToUtc(input.closesAtLocal, input.timeZone);
  if (!opensAt) errors.opensAt = 'errors.dateInvalid';
  if (!closesAt) errors.closesAt = 'errors.dateInvalid';
  else if (opensAt && closesAt <= opensAt) errors.closesAt = 'errors.closesBeforeOpens';
  if (Object.keys(errors).length) throw ValidationError(errors);
  return {
    title,
    context: input.context.trim(),
    languages,
    eligibility: input.eligibility as ConsultationFields['eligibility'],
    rule: input.rule as ConsultationFields['rule'],
    opensAt: opensAt ?? '',
    closesAt: closesAt ?? '',
    timeZone: input.timeZone,
  };
}

export interface ConsultationsDeps {
  store: ConsultationsStore;
  processes: ProcessesService;
  transparency: TransparencyService;
  /** Runs a command as one transaction (its write and its log entry). */
  transaction: RunInTransaction;
  clock: Clock;
  /** Kept up to date with what the public may read (search). */
  index?: PublicIndex;
}

export function consultationsService(deps: ConsultationsDeps) {
  const { store, processes, transparency, transaction, clock, index } = deps;
  const now = () => clock.now().toISOString();

  /** Re-indexes a consultation after a change; drafts are removed from (or never enter) the index. */
  async function reindex(id: string): Promise<void> {
    const fresh = await store.findById(id);
    if (fresh && index) await index.consultationChanged(fresh, await store.questions(id));
  }

  async function load(slug: string): Promise<ConsultationRecord> {
    const consultation = await store.findBySlug(slug);
    if (!consultation) throw NotFoundError('consultation');
    return consultation;
  }

  /** The consultation, for its process's secretariat only. */
  async function loadForSecretariat(actor: Actor, slug: string): Promise<ConsultationRecord> {
    const consultation = await load(slug);
    requireSecretariat(actor, consultation.processId);
    return consultation;
  }

  /** A draft is visible only to its secretariat; everyone else gets "not found". */
  async function loadVisible(actor: Actor, slug: string): Promise<ConsultationRecord> {
    const consultation = await load(slug);
    if (!consultation.publishedAt && !isSecretariat(actor, consultation.processId))
      throw NotFoundError('consultation');
    return consultation;
  }

  return {
    load,
    loadForSecretariat,
    loadVisible,
    findById: (id: string) => store.findById(id),
    phase: (c: ConsultationRecord) => phaseOf(c, clock.now()),
    questions: (consultationId: string) => store.questions(consultationId),
    isInvited: (consultationId: string, email: string) => store.isInvited(consultationId, email),
    /** The invitation list, for the secretariat's form (routes authorise). */
    invitees: (consultationId: string) => store.invitees(consultationId),

    async createConsultation(
      actor: Actor,
      processSlug: string,
      input: ConsultationInput,
    ): Promise<ConsultationRecord> {
      const process = await processes.loadForSecretariat(actor, processSlug);
      const fields = checkConsultation(input);
      let slug = slugify(fields.title);
      for (let i = 2; await store.slugExists(slug); i++) slug = `${slugify(fields.title)}-${i}`;
      const id = newId();
      await store.insert({ ...fields, id, processId: process.id, slug, now: now() });
      return {
        ...fields,
        id,
        processId: process.id,
        slug,
        publishedAt: null,
        phaseOverride: null,
        contentVersion: 0,
      };
    },

    async updateConsultation(actor: Actor, slug: string, input: ConsultationInput): Promise<void> {
      const consultation = await loadForSecretariat(actor, slug);
      const fields = checkConsultation(input);
      // Changing the rule after contributions arrived would expose people who wrote under another promise.
      if (consultation.publishedAt && fields.rule !== consultation.rule)
        throw ValidationError({ rule: 'errors.ruleLocked' });
      await store.update(consultation.id, fields, now());
      await reindex(consultation.id);
    },

    async saveQuestions(actor: Actor, slug: string, questions: QuestionInput[]): Promise<void> {
      const consultation = await loadForSecretariat(actor, slug);
      const cleaned = questions
        .map((q) => ({ ...q, text: q.text.trim(), help: q.help.trim() }))
        .filter((q) => q.text);
      if (cleaned.some((q) => q.text.length > 1000))
        throw ValidationError({ questions: 'errors.tooLong' });
      const existing = new Set((await store.questions(consultation.id)).map((q) => q.id));
      const records: QuestionRecord[] = cleaned.map((q, i) => ({
        id: q.id && existing.has(q.id) ? q.id : newId(),
        position: i + 1,
        text: q.text,
        help: q.help,
      }));
      await store.saveQuestions(consultation.id, records);
      await reindex(consultation.id);
    },

    async publishConsultation(actor: Actor, slug: string): Promise<void> {
      const consultation = await loadForSecretariat(actor, slug);
      if (consultation.publishedAt) return;
      if ((await store.questions(consultation.id)).length === 0)
        throw ValidationError({ questions: 'errors.questionsRequired' });
      await transaction(async () => {
        await store.setPublished(consultation.id, now());
        await transparency.append('consultation_opened', 'consultation', consultation.slug, {
          opensAt: consultation.opensAt.slice(0, 10),
          closesAt: consultation.closesAt.slice(0, 10),
          rule: consultation.rule,
        });
      });
      await reindex(consultation.id);
    },

    /** Closes submissions now (if still open) and moves to synthesis or published. */
    async advancePhase(
      actor: Actor,
      slug: string,
      phase: 'closed' | 'synthesis' | 'published',
    ): Promise<void> {
      const consultation = await loadForSecretariat(actor, slug);
      if (!consultation.publishedAt) throw ForbiddenError('publish the consultation first');
      const t = now();
      const closingEarly = t < consultation.closesAt ? t : undefined;
      await transaction(async () => {
        await store.setPhaseOverride(
          consultation.id,
          phase === 'closed' ? null : phase,
          closingEarly,
          t,
        );
        if (closingEarly || phase === 'closed')
          await transparency.append('consultation_closed', 'consultation', consultation.slug, {});
      });
    },

    listPublished: (filter: { processId?: string; language?: string }) =>
      store.listPublished(filter),
    listForProcess: (actor: Actor, processId: string) =>
      store.listForProcess(processId, isSecretariat(actor, processId)),

    async inviteParticipants(actor: Actor, slug: string, emails: string[]): Promise<void> {
      const consultation = await loadForSecretariat(actor, slug);
      const valid = emails
        .map((e) => e.trim().toLowerCase())
        .filter((e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e));
      if (valid.length !== emails.filter((e) => e.trim()).length)
        throw ValidationError({ emails: 'errors.emailInvalid' });
      await store.addInvitees(consultation.id, valid, now());
    },
  };
}

export type ConsultationsService = ReturnType<typeof consultationsService>;
