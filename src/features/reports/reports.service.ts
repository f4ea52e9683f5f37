// Report use cases: the secretariat generates a draft (a background job), edits it section by
// section, regenerates one section, publishes versions; everyone reads, compares and downloads
// published versions.
import type { RunInTransaction } from '../../db/database.ts';
import { diffLines } from 'diff';
import type { JobQueue, JobState } from '../../jobs/queue.ts';
import { anonymousActor, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { TransparencyService } from '../transparency/index.ts';
import { reportLanguage, type Progress, type ReportComposer } from './report-composer.ts';
import { reportMarkdown } from './report-markdown.ts';
import {
  SECTIONS,
  isSection,
  type ReportDocument,
  type ReportSections,
  type SectionKey,
} from './report-model.ts';
import type { DraftRecord, ReportsStore, VersionRecord } from './reports.store.ts';
import { translator, type Translate } from '../../i18n/i18n.ts';
import { participationSection } from './participation-figures.ts';
import {
  sectionsWithKeptFigures,
  sectionsWithOwnFiguresAfterFirst,
  sectionsWithoutFigures,
} from './report-version-sections.ts';
import { figuresOf, mayPrintOwnFigures, type FigureInput } from './report-versions.ts';

export const GENERATE_JOB = 'report-draft.generate';
const FIGURE_SECTIONS: readonly SectionKey[] = ['summary', 'trends', 'participation'];
const MAX_SECTION = 100_000;

export interface ReportsDeps {
  store: ReportsStore;
  composer: ReportComposer;
  consultations: ConsultationsService;
  transparency: TransparencyService;
  /** Runs a command as one transaction (its writes, its log entry and the jobs it queues). */
  transaction: RunInTransaction;
  jobs: JobQueue;
  clock: Clock;
  providerConfigured: boolean;
}

export interface GeneratePayload {
  consultationId: string;
  /** Only this section is replaced; absent: the whole draft. */
  section?: SectionKey;
}

export function reportsService(deps: ReportsDeps) {
  const { store, composer, consultations, transparency, transaction, jobs, clock } = deps;
  const now = () => clock.now().toISOString();

  async function loadPublished(slug: string, version?: number) {
    const consultation = await consultations.loadVisible(anonymousActor, slug);
    const versions = await store.versions(consultation.id);
    const wanted = version ?? versions[0]?.version;
    const stored =
      wanted === undefined ? undefined : await store.findVersion(consultation.id, wanted);
    if (!stored) throw NotFoundError('report');
    // Published before versions were audited: its figures could difference with any other's.
    const record =
      stored.figuresVersion === null
        ? {
            ...stored,
            sections: sectionsWithoutFigures(
              translator(stored.language),
              stored.sections,
              stored.items,
            ),
          }
        : stored;
    const document: ReportDocument = {
      consultationSlug: consultation.slug,
      title: consultation.title,
      language: record.language,
      version: record.version,
      publishedOn: record.publishedOn,
      sections: record.sections,
    };
    return { consultation, versions, record, document };
  }

  /**
   * The sections a new version prints and whose figures they are: its own when the rule across
   * versions allows them, else the figures in force reprinted; none when the draft kept no input.
   */
  async function figuresInForce(
    consultationId: string,
    version: number,
    draft: DraftRecord,
    t: Translate,
  ): Promise<
    Pick<VersionRecord, 'sections' | 'figuresVersion'> & { figureInput: FigureInput | null }
  > {
    const input = draft.figureInput;
    if (!input)
      return {
        sections: sectionsWithoutFigures(t, draft.sections, draft.items),
        figuresVersion: null,
        figureInput: null,
      };
    const published = await store.publishedFigures(consultationId);
    if (
      mayPrintOwnFigures(
        published.map((p) => p.input),
        input,
      )
    )
      return {
        // Printed from the input audited, whatever the draft's text of the section says.
        sections:
          published.length === 0
            ? { ...draft.sections, participation: participationSection(t, figuresOf(input)) }
            : sectionsWithOwnFiguresAfterFirst(t, draft.sections, draft.items, figuresOf(input)),
        figuresVersion: version,
        figureInput: input,
      };
    const kept = published.at(-1)!;
    return {
      sections: sectionsWithKeptFigures(t, draft.sections, draft.items, {
        figures: figuresOf(kept.input),
        asOf: kept.publishedOn,
      }),
      figuresVersion: kept.version,
      figureInput: null,
    };
  }

  return {
    async draftPage(actor: Actor, slug: string) {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      const draft = await store.findDraft(consultation.id);
      const job: JobState | undefined = draft?.jobId ? await jobs.get(draft.jobId) : undefined;
      return {
        consultation,
        draft,
        job,
        versions: await store.versions(consultation.id),
        providerConfigured: deps.providerConfigured,
        language: reportLanguage(consultation),
      };
    },

    /** Queues the generation (all sections, or one); a second request while one runs joins it. */
    async requestDraft(actor: Actor, slug: string, section?: string): Promise<string> {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      if (section !== undefined && !isSection(section))
        throw ValidationError({ section: 'errors.choiceInvalid' });
      const payload: GeneratePayload = {
        consultationId: consultation.id,
        ...(section ? { section } : {}),
      };
      // The draft names its job in the same command that queues it.
      return transaction(async () => {
        const jobId = await jobs.enqueue(GENERATE_JOB, payload, {
          uniqueKey: `report:${consultation.id}`,
          maxAttempts: 2,
        });
        await store.setJob(consultation.id, jobId, now());
        return jobId;
      });
    },

    /** The job's work: compose, then keep the secretariat's edits to every other section. */
    async runGeneration(
      payload: GeneratePayload,
      progress: Progress,
    ): Promise<{ sections: number }> {
      const consultation = await consultations.findById(payload.consultationId);
      if (!consultation) throw NotFoundError('consultation');
      const existing = await store.findDraft(consultation.id);
      const built = await composer.compose(consultation, {
        useProvider: existing?.providerEnabled ?? false,
        progress,
      });
      if (payload.section && existing?.generatedAt) {
        const section = payload.section;
        const sections = { ...existing.sections, [section]: built.sections[section] };
        const items = [
          ...existing.items.filter((i) => i.section !== section),
          ...built.items.filter((i) => i.section === section),
        ];
        await store.saveGenerated(
          consultation.id,
          {
            sections,
            items,
            method: section === 'method' || !existing.method ? built.method : existing.method,
            // The figures the theme lines were written from, which publishing prints (figuresInForce).
            figureInput: FIGURE_SECTIONS.includes(section)
              ? built.figureInput
              : (existing.figureInput ?? built.figureInput),
          },
          now(),
        );
        return { sections: 1 };
      }
      await store.saveGenerated(consultation.id, built, now());
      return { sections: SECTIONS.length };
    },

    async saveSections(
      actor: Actor,
      slug: string,
      edited: Partial<Record<SectionKey, string>>,
    ): Promise<void> {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      const draft = await store.findDraft(consultation.id);
      if (!draft?.generatedAt) throw new AppError('no_draft', 'generate a draft first');
      if (Object.keys(edited).length === 0)
        throw ValidationError({ section_summary: 'errors.required' });
      const errors: Record<string, string> = {};
      for (const [key, value] of Object.entries(edited))
        if ((value ?? '').length > MAX_SECTION) errors[`section_${key}`] = 'errors.tooLong';
      if (Object.keys(errors).length) throw ValidationError(errors);
      const sections: ReportSections = { ...draft.sections };
      for (const key of SECTIONS)
        if (edited[key] !== undefined)
          sections[key] = (edited[key] ?? '').replace(/\r\n/g, '\n').trim();
      await store.saveSections(consultation.id, sections, now());
    },

    async setProviderEnabled(actor: Actor, slug: string, enabled: boolean): Promise<void> {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      if (enabled && !deps.providerConfigured)
        throw ValidationError({ provider: 'reports.errors.noProvider' });
      await store.setProviderEnabled(consultation.id, enabled, now());
    },

    /**
     * Whether the provider may be called for this consultation: configured by the operator AND
     * enabled by its secretariat (the report draft's setting). Other features (coding) ask here.
     */
    async providerEnabled(consultationId: string): Promise<boolean> {
      if (!deps.providerConfigured) return false;
      return (await store.findDraft(consultationId))?.providerEnabled ?? false;
    },

    async publish(actor: Actor, slug: string): Promise<number> {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      const draft = await store.findDraft(consultation.id);
      if (!draft?.generatedAt) throw new AppError('no_draft', 'generate a draft first');
      return transaction(async () => {
        const version = ((await store.versions(consultation.id))[0]?.version ?? 0) + 1;
        const language = reportLanguage(consultation);
        const figures = await figuresInForce(consultation.id, version, draft, translator(language));
        await store.insertVersion(consultation.id, {
          version,
          language,
          items: draft.items,
          publishedOn: now().slice(0, 10),
          ...figures,
        });
        await transparency.append('report_published', 'consultation', consultation.slug, {
          version,
          figuresVersion: figures.figuresVersion,
        });
        return version;
      });
    },

    publishedReport: loadPublished,

    /** Whether a consultation has a published report (for links from other pages). */
    async hasPublished(consultationId: string): Promise<boolean> {
      return (await store.versions(consultationId)).length > 0;
    },

    async compare(slug: string, from: number, to: number) {
      const a = await loadPublished(slug, from);
      const b = await loadPublished(slug, to);
      const parts = diffLines(reportMarkdown(a.document), reportMarkdown(b.document));
      return {
        consultation: a.consultation,
        from,
        to,
        versions: a.versions,
        parts: parts.map((p) => ({
          kind: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const),
          text: p.value,
        })),
      };
    },

    /** The report as it would read if generated now, without saving anything (CLI). */
    async freshDocument(slug: string, progress?: Progress): Promise<ReportDocument> {
      const consultation = await consultations.loadVisible(anonymousActor, slug);
      const built = await composer.compose(consultation, {
        useProvider: false,
        ...(progress ? { progress } : {}),
      });
      return {
        consultationSlug: consultation.slug,
        title: consultation.title,
        language: reportLanguage(consultation),
        version: null,
        publishedOn: null,
        sections: built.sections,
      };
    },

    /** Items responses may point to: the latest published version's, else the draft's. */
    async itemsFor(consultation: ConsultationRecord) {
      const latest = (await store.versions(consultation.id))[0];
      const version = latest ? await store.findVersion(consultation.id, latest.version) : undefined;
      return version?.items ?? (await store.findDraft(consultation.id))?.items ?? [];
    },
  };
}

export type ReportsService = ReturnType<typeof reportsService>;
