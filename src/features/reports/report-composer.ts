// Turns a consultation's published submissions into draft sections: load (disclosed, public
// audience), optionally embed them with the provider, analyse, optionally ask the provider for a
// summary, write.
// Used by the background job and, synchronously, by the CLI.
import type { Embeddings, SynthesisInput } from '../../engines/synthesis/index.ts';
import { translator } from '../../i18n/i18n.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import type { Clock } from '../../shared/clock.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';
import type { SubmissionsService } from '../submissions/index.ts';
import { buildSections } from './report-draft.ts';
import type { MethodNote, ReportItem, ReportSections } from './report-model.ts';
import { profileOf, type Profile } from './participation-figures.ts';
import type { ReportsStore } from './reports.store.ts';
import { figureInputOf, type FigureInput } from './report-versions.ts';
import { providerEmbeddings } from './provider-embeddings.ts';
import { providerSummary, type ProviderConfig } from './synthesis-provider.ts';

export const ENGINE_NAME = 'polylogue-local-synthesis 1';

export interface ComposerDeps {
  store: ReportsStore;
  consultations: ConsultationsService;
  submissions: SubmissionsService;
  clock: Clock;
  provider: ProviderConfig | undefined;
  fetchImpl?: typeof fetch;
}

export type Progress = (fraction: number, note: string) => Promise<void>;

export function reportLanguage(consultation: ConsultationRecord): Locale {
  const first = consultation.languages[0];
  return isLocale(first) ? first : 'en';
}

function textOf(s: DisclosedSubmission): string {
  return [s.freeText, ...s.answers.map((a) => a.text)].filter((x) => x.trim()).join('\n\n');
}

/**
 * Oldest first, so source numbers (S1, S2…) follow the order contributions arrived in; within a
 * day by text rather than by the random ids, so the same texts are numbered alike every time.
 */
function inNumberingOrder(all: DisclosedSubmission[]): DisclosedSubmission[] {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return all.sort(
    (a, b) =>
      order(a.publishedOn ?? '', b.publishedOn ?? '') ||
      order(textOf(a), textOf(b)) ||
      order(a.id, b.id),
  );
}

/** Every input's embedding, fetched once per report run; progress runs from 0.1 to 0.4. */
async function embedInputs(
  provider: ProviderConfig,
  inputs: readonly SynthesisInput[],
  progress: Progress,
  fetchImpl: typeof fetch | undefined,
): Promise<Embeddings> {
  await progress(0.1, 'embedding');
  const vectors = await providerEmbeddings(
    provider,
    inputs.map((x) => x.text),
    {
      ...(fetchImpl ? { fetchImpl } : {}),
      onProgress: (f) => progress(0.1 + 0.3 * f, 'embedding'),
    },
  );
  return new Map(inputs.map((x, i) => [x.id, vectors[i]!]));
}

export function reportComposer(deps: ComposerDeps) {
  return {
    async compose(
      consultation: ConsultationRecord,
      options: { useProvider: boolean; progress?: Progress },
    ): Promise<{
      sections: ReportSections;
      items: ReportItem[];
      method: MethodNote;
      figureInput: FigureInput;
    }> {
      const progress = options.progress ?? (async () => undefined);
      await progress(0.05, 'loading');
      const [questions, submissions, categories] = await Promise.all([
        deps.consultations.questions(consultation.id),
        deps.submissions.allPublished(consultation).then(inNumberingOrder),
        deps.store.profileCategories(consultation.id),
      ]);
      const profiles = new Map<string, Profile>(
        categories.map((c) => [
          c.submissionId,
          profileOf(c.contributor, c.stakeholderGroup, c.country),
        ]),
      );
      const inputs: SynthesisInput[] = submissions.map((s) => ({
        id: s.id,
        text: textOf(s),
        language: s.language,
        stakeholderGroup: profiles.get(s.id)?.stakeholderGroup ?? undefined,
        region: profiles.get(s.id)?.region ?? undefined,
        createdAt: s.publishedOn ?? undefined,
        // Submission ids are random: ordered by them, the same texts would form other themes.
        orderKey: textOf(s),
      }));
      const provider = options.useProvider ? deps.provider : undefined;
      const embeddings =
        provider?.embeddingModel && inputs.length > 0
          ? await embedInputs(provider, inputs, progress, deps.fetchImpl)
          : undefined;
      await progress(0.4, 'analysing');
      // The engine (and the language detector it may build) loads with the first report, not at start.
      const { synthesize } = await import('../../engines/synthesis/index.ts');
      const synthesis = synthesize(inputs, { seed: 1, embeddings });
      await progress(0.7, 'writing');
      const locale = reportLanguage(consultation);
      const chatModel = provider?.model;
      const summary =
        provider && chatModel && submissions.length > 0
          ? await providerSummary(
              { ...provider, model: chatModel },
              { language: locale, title: consultation.title, synthesis },
              deps.fetchImpl,
            )
          : undefined;
      const method: MethodNote = {
        engine: ENGINE_NAME,
        inputs: submissions.length,
        languages: Object.keys(synthesis.languages).sort(),
        themes: synthesis.themes.length,
        generatedOn: deps.clock.now().toISOString().slice(0, 10),
        provider: provider
          ? {
              url: provider.url,
              model: chatModel ?? null,
              embeddingModel: embeddings ? (provider.embeddingModel ?? null) : null,
            }
          : null,
      };
      const built = buildSections({
        locale,
        t: translator(locale),
        consultation,
        questions,
        submissions,
        profiles,
        synthesis,
        method,
        providerSummary: summary,
      });
      await progress(0.95, 'saving');
      // Kept with the draft, then with the version: what a later version's figures are audited against.
      const figureInput = figureInputOf(consultation.id, profiles, synthesis.themes);
      return { ...built, method, figureInput };
    },
  };
}

export type ReportComposer = ReturnType<typeof reportComposer>;
