// Assisted coding: the secretariat keeps a codebook (its own themes, or the synthesis engine's
// suggestions), the engine scores every published input against every theme, and each label the
// secretariat records retrains the scores; review goes least-confident input first.
// When the operator configured an embedding model AND the secretariat enabled the provider for
// the consultation, scores also use the provider's embeddings: read from the database on every
// page, fetched only by a background job the secretariat starts ("refresh suggestions") or that
// a new theme queues, never while a page is shown.
import type { CodingResult, SynthesisInput } from '../../engines/synthesis/index.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, NotFoundError, ValidationError, type FieldErrors } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';
import type { SubmissionsService } from '../submissions/index.ts';
import {
  codingEmbeddings,
  type EmbeddingDeps,
  type EmbeddingStatus,
  type RefreshPayload,
} from './coding.embeddings.ts';
import type { CodingStore, ThemeRecord } from './coding.store.ts';

export const STANCES = ['support', 'oppose', 'mixed'] as const;
const MAX_THEMES = 40;
const MAX_LABEL = 120;
const MAX_DESCRIPTION = 1000;

export interface CodingDeps extends EmbeddingDeps {
  store: CodingStore;
  consultations: ConsultationsService;
  submissions: SubmissionsService;
  clock: Clock;
}

export interface ThemeInput {
  label: string;
  description: string;
  stance: string;
}

export interface Suggestion {
  id: string;
  label: string;
  description: string;
  inputs: number;
}

/** Everything coding is computed from: disclosed inputs (public audience), codebook, labels. */
interface CodingState {
  consultation: ConsultationRecord;
  submissions: DisclosedSubmission[];
  inputs: SynthesisInput[];
  themes: ThemeRecord[];
  labelled: Set<string>;
  result: CodingResult;
  embeddings: EmbeddingStatus;
}

/** The synthesis engine, loaded with the first coding page rather than at server start. */
const synthesisEngine = () => import('../../engines/synthesis/index.ts');

const textOf = (s: DisclosedSubmission) =>
  [s.freeText, ...s.answers.map((a) => a.text)].filter((x) => x.trim()).join('\n\n');

function checkTheme(input: ThemeInput, existing: ThemeRecord[]): void {
  const errors: FieldErrors = {};
  const label = input.label.trim();
  if (!label) errors.label = 'errors.required';
  else if (label.length > MAX_LABEL) errors.label = 'errors.tooLong';
  else if (existing.some((th) => th.label.toLowerCase() === label.toLowerCase()))
    errors.label = 'reports.coding.errors.duplicate';
  if (input.description.length > MAX_DESCRIPTION) errors.description = 'errors.tooLong';
  if (input.stance && !(STANCES as readonly string[]).includes(input.stance))
    errors.stance = 'errors.choiceInvalid';
  if (existing.length >= MAX_THEMES) errors.label = 'reports.coding.errors.tooMany';
  if (Object.keys(errors).length) throw ValidationError(errors);
}

export function codingService(deps: CodingDeps) {
  const { store, consultations, submissions, clock } = deps;
  const embedding = codingEmbeddings(deps);
  const { activeModel, queueRefresh } = embedding;

  async function published(consultation: ConsultationRecord): Promise<DisclosedSubmission[]> {
    return (await submissions.allPublished(consultation)).sort((a, b) => a.id.localeCompare(b.id));
  }

  async function state(actor: Actor, slug: string): Promise<CodingState> {
    const consultation = await consultations.loadForSecretariat(actor, slug);
    const [list, themes, labels] = await Promise.all([
      published(consultation),
      store.themes(consultation.id),
      store.labels(consultation.id),
    ]);
    const inputs = list.map((s) => ({ id: s.id, text: textOf(s), language: s.language }));
    const codebook = themes.map((th) => ({
      id: th.id,
      label: th.label,
      description: th.description,
      ...(th.stance ? { stance: th.stance } : {}),
    }));
    const known = new Set(list.map((s) => s.id));
    const usable = labels.filter((l) => known.has(l.submissionId));
    const cached = await embedding.cached(consultation.id, inputs, themes);
    const { codeInputs } = await synthesisEngine();
    const result = codeInputs(
      inputs,
      codebook,
      usable.map((l) => ({ inputId: l.submissionId, themeIds: l.themeIds })),
      cached.embeddings ? { embeddings: cached.embeddings } : {},
    );
    const labelled = new Set(usable.map((l) => l.submissionId));
    const embeddings = cached.status;
    return { consultation, submissions: list, inputs, themes, labelled, result, embeddings };
  }

  /** The engine's themes for this consultation, minus those already in the codebook. */
  async function suggestionsFor(s: CodingState): Promise<Suggestion[]> {
    if (s.inputs.length === 0) return [];
    const { synthesize } = await synthesisEngine();
    const taken = new Set(s.themes.map((th) => th.label.toLowerCase()));
    return synthesize(s.inputs, { seed: 1 })
      .themes.map((th) => ({
        id: th.id,
        label: th.keyTerms.slice(0, 3).join(', ') || th.label,
        description: (th.centralSentence?.text ?? '').slice(0, MAX_DESCRIPTION),
        inputs: th.sourceIds.length,
      }))
      .filter((sg) => !taken.has(sg.label.toLowerCase()));
  }

  return {
    /** The codebook page: themes with how many inputs each is proposed for, and suggestions. */
    async codebookPage(actor: Actor, slug: string) {
      const s = await state(actor, slug);
      const proposed = new Map<string, number>();
      for (const p of s.result.proposals)
        for (const id of p.themeIds) proposed.set(id, (proposed.get(id) ?? 0) + 1);
      return {
        consultation: s.consultation,
        themes: s.themes.map((th) => ({ ...th, inputs: proposed.get(th.id) ?? 0 })),
        suggestions: await suggestionsFor(s),
        inputs: s.inputs.length,
        reviewed: s.labelled.size,
        embeddings: s.embeddings,
      };
    },

    /** "Refresh suggestions": queues the job that fetches the embeddings not cached yet. */
    async requestRefresh(actor: Actor, slug: string): Promise<string> {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      if (!(await activeModel(consultation.id)))
        throw new AppError(
          'embeddings_unavailable',
          'the provider’s embeddings are not in use for this consultation',
        );
      return queueRefresh(consultation.id);
    },

    /**
     * The job's work: embed every contribution and theme whose current text has no cached
     * embedding, save them as they come, and drop those of texts no longer current. Sends
     * nothing unless the model is configured and the provider enabled when the job runs.
     */
    async runRefresh(
      payload: RefreshPayload,
      progress: (fraction: number, note?: string) => Promise<void>,
    ): Promise<{ embedded: number }> {
      const consultation = await consultations.findById(payload.consultationId);
      if (!consultation) throw NotFoundError('consultation');
      const model = await activeModel(consultation.id);
      if (!model) return { embedded: 0 };
      const [list, themes] = await Promise.all([
        published(consultation),
        store.themes(consultation.id),
      ]);
      const inputs = list.map((s) => ({ id: s.id, text: textOf(s), language: s.language }));
      return embedding.fetchMissing(consultation.id, model, inputs, themes, progress);
    },

    async addTheme(actor: Actor, slug: string, input: ThemeInput): Promise<void> {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      const existing = await store.themes(consultation.id);
      checkTheme(input, existing);
      await store.insertThemes(consultation.id, [
        {
          id: newId(),
          label: input.label.trim(),
          description: input.description.trim(),
          stance: input.stance || null,
        },
      ]);
      // A theme without an embedding is scored on words alone: fetch its embedding now.
      if (await activeModel(consultation.id)) await queueRefresh(consultation.id);
    },

    async removeTheme(actor: Actor, slug: string, themeId: string): Promise<void> {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      if (!(await store.deleteTheme(consultation.id, themeId))) throw NotFoundError('theme');
    },

    /** Adds the chosen suggestions (by the engine's theme id) to the codebook. */
    async acceptSuggestions(actor: Actor, slug: string, ids: string[]): Promise<number> {
      const s = await state(actor, slug);
      const chosen = (await suggestionsFor(s)).filter((sg) => ids.includes(sg.id));
      if (chosen.length === 0) throw ValidationError({ suggestion: 'errors.required' });
      const room = Math.max(0, MAX_THEMES - s.themes.length);
      if (chosen.length > room)
        throw ValidationError({ suggestion: 'reports.coding.errors.tooMany' });
      await store.insertThemes(
        s.consultation.id,
        chosen.map((sg) => ({
          id: newId(),
          label: sg.label,
          description: sg.description,
          stance: null,
        })),
      );
      if (await activeModel(s.consultation.id)) await queueRefresh(s.consultation.id);
      return chosen.length;
    },

    /** One input to review: the given one, or the least confident unreviewed one. */
    async reviewPage(
      actor: Actor,
      slug: string,
      at: { submissionId?: string; skip?: number } = {},
    ) {
      const s = await state(actor, slug);
      const { submissionId } = at;
      const order = s.result.reviewOrder;
      // Skipping past the end starts again from the least confident input.
      const id = submissionId || order[(at.skip ?? 0) % Math.max(1, order.length)];
      const submission = id ? s.submissions.find((x) => x.id === id) : undefined;
      if (submissionId && !submission) throw NotFoundError('submission');
      const proposal = s.result.proposals.find((p) => p.inputId === id);
      return {
        consultation: s.consultation,
        themes: s.themes,
        submission,
        scores: (id && s.result.scores[id]) || {},
        proposed: proposal?.themeIds ?? [],
        confirmed: proposal?.confirmed ?? false,
        remaining: s.result.reviewOrder.length,
        total: s.inputs.length,
        embeddings: s.embeddings,
      };
    },

    /** Records the secretariat's themes for one input (none is a valid answer). */
    async recordLabel(actor: Actor, slug: string, submissionId: string, themeIds: string[]) {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      const themes = await store.themes(consultation.id);
      // Only published inputs of this consultation can be coded.
      const found = await submissions.publicOne(submissionId);
      if (found.consultation.id !== consultation.id) throw NotFoundError('submission');
      const known = new Set(themes.map((th) => th.id));
      if (themeIds.some((id) => !known.has(id)))
        throw ValidationError({ theme: 'errors.choiceInvalid' });
      const ordered = themes.filter((th) => themeIds.includes(th.id)).map((th) => th.id);
      await store.saveLabel(consultation.id, submissionId, ordered, clock.now().toISOString());
    },
  };
}

export type CodingService = ReturnType<typeof codingService>;
