// The shape of a report: fixed sections in a fixed order, each kept as Markdown so the
// secretariat can edit one and regenerate another; items are what responses can point to.
import type { Locale } from '../../i18n/locales.ts';

export const SECTIONS = [
  'context',
  'summary',
  'trends',
  'recommendations',
  'quotes',
  'participation',
  'method',
  'annex',
] as const;
export type SectionKey = (typeof SECTIONS)[number];
export type ReportSections = Record<SectionKey, string>;

export function isSection(value: unknown): value is SectionKey {
  return typeof value === 'string' && (SECTIONS as readonly string[]).includes(value);
}

/** A theme, a recommendation or a quote that a response to a submission can point to. */
export interface ReportItem {
  id: string;
  section: SectionKey;
  label: string;
  sourceIds: string[];
}

/** How a draft was made, shown in the Method section and on the draft page. */
export interface MethodNote {
  engine: string;
  inputs: number;
  languages: string[];
  themes: number;
  generatedOn: string;
  /**
   * The provider, when used: its chat model (the summary) and its embedding model (themes,
   * near-duplicates), each null when not configured. Notes saved before embeddings lack the
   * second.
   */
  provider: { url: string; model: string | null; embeddingModel?: string | null } | null;
}

/** A report as exports see it: published (a version) or generated on the spot (the CLI). */
export interface ReportDocument {
  consultationSlug: string;
  title: string;
  language: Locale;
  version: number | null;
  publishedOn: string | null;
  sections: ReportSections;
}

export const emptySections = (): ReportSections =>
  Object.fromEntries(SECTIONS.map((s) => [s, ''])) as ReportSections;
