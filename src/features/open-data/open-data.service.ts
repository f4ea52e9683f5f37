// Gathers what the feeds, calendar and exports show: published consultations and their published
// submissions as disclosed to the public, never records. Drafts are not found.
import { anonymousActor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { ProcessesService } from '../processes/index.ts';
import type { SubmissionsService } from '../submissions/index.ts';
import { atomDocument, consultationEntries, submissionEntry, type FeedEntry } from './atom.ts';
import { processCalendar } from './calendar.ts';
import type { ExportSource } from './exports.ts';

/** How many recent submissions per consultation a feed carries. */
const FEED_SUBMISSIONS = 50;

export interface OpenDataDeps {
  processes: ProcessesService;
  consultations: ConsultationsService;
  submissions: SubmissionsService;
  clock: Clock;
  baseUrl: string;
}

export function openDataService(deps: OpenDataDeps) {
  const { processes, consultations, submissions, clock, baseUrl } = deps;

  async function publicProcess(slug: string) {
    const view = await processes.viewProcess(slug);
    const published = await consultations.listForProcess(anonymousActor, view.process.id);
    return { ...view, consultations: published };
  }

  async function entriesOf(
    t: Translate,
    consultation: Awaited<ReturnType<ConsultationsService['load']>>,
  ): Promise<FeedEntry[]> {
    const recent = await submissions.publicList(consultation, { limit: FEED_SUBMISSIONS });
    return [
      ...consultationEntries(baseUrl, t, consultation, clock.now()),
      ...recent.map((s) => submissionEntry(baseUrl, t, consultation, s)),
    ];
  }

  return {
    async processFeed(slug: string, t: Translate, language: string): Promise<string> {
      const { process, consultations: list } = await publicProcess(slug);
      const entries = (await Promise.all(list.map((c) => entriesOf(t, c)))).flat();
      const pageUrl = `${baseUrl}/processes/${process.slug}`;
      return atomDocument({
        title: process.title,
        selfUrl: `${pageUrl}/feed.atom`,
        pageUrl,
        author: process.convener,
        language,
        fallbackDay: process.createdAt,
        entries,
      });
    },

    async consultationFeed(slug: string, t: Translate, language: string): Promise<string> {
      const consultation = await consultations.loadVisible(anonymousActor, slug);
      const process = await processes.findById(consultation.processId);
      const pageUrl = `${baseUrl}/consultations/${consultation.slug}`;
      return atomDocument({
        title: consultation.title,
        selfUrl: `${pageUrl}/feed.atom`,
        pageUrl,
        author: process?.convener ?? 'Polylogue',
        language,
        fallbackDay: consultation.publishedAt ?? consultation.opensAt,
        entries: await entriesOf(t, consultation),
      });
    },

    async calendar(slug: string, t: Translate): Promise<string> {
      const { process, milestones, consultations: list } = await publicProcess(slug);
      return processCalendar({ baseUrl, t, process, milestones, consultations: list });
    },

    async exportSource(slug: string): Promise<ExportSource> {
      const consultation = await consultations.loadVisible(anonymousActor, slug);
      const questions = await consultations.questions(consultation.id);
      return { baseUrl, consultation, questions, batches: submissions.eachPublished(consultation) };
    },
  };
}

export type OpenDataService = ReturnType<typeof openDataService>;
