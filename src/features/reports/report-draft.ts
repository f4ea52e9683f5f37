// Builds the sections of a report draft from the consultation, its published (disclosed)
// submissions and the synthesis engine's output. Pure: the same inputs give the same Markdown.
// Everything here is written in the consultation's first language, whatever the reader's.
import type { Synthesis, Theme } from '../../engines/synthesis/index.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { regionLabel, stakeholderLabel } from '../../http/labels.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';
import type { MethodNote, ReportItem, ReportSections, SectionKey } from './report-model.ts';
import { participationSection, type Profile } from './participation-figures.ts';
import { numberFormat } from '../../i18n/formatters.ts';

export interface DraftInput {
  locale: Locale;
  t: Translate;
  consultation: { title: string; context: string; rule: string; opensAt: string; closesAt: string };
  questions: Array<{ position: number; text: string }>;
  /** The public form of each submission: nothing here may identify anyone. */
  submissions: DisclosedSubmission[];
  profiles: Map<string, Profile>;
  synthesis: Synthesis;
  method: MethodNote;
  /** Written by the optional provider, when it was used. */
  providerSummary?: string | undefined;
}

/** Groups (and regions) with fewer inputs than this get no weight of their own: too few to say. */
const MIN_GROUP = 5;

interface Built {
  markdown: string;
  items: ReportItem[];
}

function sourceRefs(input: DraftInput): (ids: string[]) => string {
  const ordinal = new Map(input.submissions.map((s, i) => [s.id, i + 1]));
  return (ids) =>
    [...new Set(ids)]
      .filter((id) => ordinal.has(id))
      .sort((a, b) => (ordinal.get(a) ?? 0) - (ordinal.get(b) ?? 0))
      .map((id) => `[S${ordinal.get(id)}](/submissions/${id})`)
      .join(', ');
}

const percent = (locale: Locale, share: number) =>
  numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function context(input: DraftInput): Built {
  const { t, consultation } = input;
  const rule =
    consultation.rule === 'attributed'
      ? t('reports.doc.rule.attributed')
      : consultation.rule === 'anonymous'
        ? t('reports.doc.rule.anonymous')
        : t('reports.doc.rule.chathamHouse');
  const period = t('reports.doc.period', {
    opens: consultation.opensAt.slice(0, 10),
    closes: consultation.closesAt.slice(0, 10),
  });
  return {
    markdown: [consultation.context.trim(), `${period} ${rule}`].filter(Boolean).join('\n\n'),
    items: [],
  };
}

function summary(input: DraftInput): Built {
  const { t, synthesis } = input;
  if (input.submissions.length === 0) return { markdown: t('reports.doc.summary.none'), items: [] };
  const lines = [
    t('reports.doc.summary.inputs', {
      count: input.submissions.length,
      languages: Object.keys(synthesis.languages).length,
    }),
  ];
  const top = synthesis.themes
    .slice(0, 5)
    .map((th) => `${th.label} (${percent(input.locale, th.weights.overall)})`);
  if (top.length) lines.push(t('reports.doc.summary.themes', { themes: top.join('; ') }));
  lines.push(t('reports.doc.summary.recommendations', { count: synthesis.recommendations.length }));
  const generated = lines.map((l) => `- ${l}`).join('\n');
  return {
    markdown: input.providerSummary ? `${input.providerSummary.trim()}\n\n${generated}` : generated,
    items: [],
  };
}

function weightList(
  input: DraftInput,
  shares: Record<string, number>,
  counts: Map<string, number>,
  label: (key: string) => string,
): string {
  return Object.entries(shares)
    .filter(([key]) => (counts.get(key) ?? 0) >= MIN_GROUP)
    .sort((a, b) => b[1] - a[1])
    .map(([key, share]) => `${label(key)} ${percent(input.locale, share)}`)
    .join(', ');
}

function themeBlock(
  input: DraftInput,
  theme: Theme,
  n: number,
  counts: { groups: Map<string, number>; regions: Map<string, number> },
  refs: (ids: string[]) => string,
): string {
  const { t } = input;
  const lines = [`### ${n}. ${theme.label}`, ''];
  if (theme.centralSentence) lines.push(`${oneLine(theme.centralSentence.text)}`, '');
  lines.push(
    `- ${t('reports.doc.trends.weight', { share: percent(input.locale, theme.weights.overall), count: theme.sourceIds.length })}`,
  );
  const groups = weightList(input, theme.weights.byGroup, counts.groups, (g) =>
    stakeholderLabel(t, g),
  );
  if (groups) lines.push(`- ${t('reports.doc.trends.byGroup', { list: groups })}`);
  const regions = weightList(input, theme.weights.byRegion, counts.regions, (r) =>
    regionLabel(t, r),
  );
  if (regions) lines.push(`- ${t('reports.doc.trends.byRegion', { list: regions })}`);
  if (theme.weights.overTime.length > 1)
    lines.push(
      `- ${t('reports.doc.trends.overTime', { list: theme.weights.overTime.map((b) => `${b.start} ${percent(input.locale, b.weight)}`).join(' → ') })}`,
    );
  lines.push(
    `- ${t('reports.doc.trends.keyTerms', { terms: theme.keyTerms.slice(0, 8).join(', ') })}`,
  );
  lines.push(`- ${t('reports.doc.sources', { links: refs(theme.sourceIds) })}`);
  return lines.join('\n');
}

function tally(values: Iterable<string | null>): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) if (v) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

function trends(input: DraftInput): Built {
  const refs = sourceRefs(input);
  const profiles = [...input.profiles.values()];
  const counts = {
    groups: tally(profiles.map((p) => p.stakeholderGroup)),
    regions: tally(profiles.map((p) => p.region)),
  };
  const themes = input.synthesis.themes;
  const markdown = themes
    .map((theme, i) => themeBlock(input, theme, i + 1, counts, refs))
    .join('\n\n');
  const items = themes.map((theme, i) => ({
    id: `trends-${i + 1}`,
    section: 'trends' as const,
    label: `${i + 1}. ${theme.label}`,
    sourceIds: theme.sourceIds,
  }));
  return { markdown: markdown || input.t('reports.doc.summary.none'), items };
}

function recommendations(input: DraftInput): Built {
  const { t, synthesis } = input;
  const refs = sourceRefs(input);
  const byTheme = new Map<string, typeof synthesis.recommendations>();
  for (const r of synthesis.recommendations)
    byTheme.set(r.themeId ?? '', [...(byTheme.get(r.themeId ?? '') ?? []), r]);
  const blocks: string[] = [];
  const items: ReportItem[] = [];
  const groups = [
    ...synthesis.themes.map((th) => ({ id: th.id, label: th.label })),
    { id: '', label: t('reports.doc.recommendations.other') },
  ];
  for (const group of groups) {
    const recs = byTheme.get(group.id) ?? [];
    if (recs.length === 0) continue;
    const lines = recs.map((r) => {
      items.push({
        id: `recommendations-${items.length + 1}`,
        section: 'recommendations',
        label: oneLine(r.text).slice(0, 120),
        sourceIds: r.sourceIds,
      });
      return `${items.length}. ${oneLine(r.text)} — ${t('reports.doc.sources', { links: refs(r.sourceIds) })}`;
    });
    blocks.push(`### ${group.label}\n\n${lines.join('\n')}`);
  }
  return { markdown: blocks.join('\n\n') || t('reports.doc.recommendations.none'), items };
}

function quotes(input: DraftInput): Built {
  const refs = sourceRefs(input);
  const items: ReportItem[] = [];
  // Never attributed, whatever the rule: a quote points to its source, and the source page
  // shows as much as the participation rule allows.
  const blocks = input.synthesis.themes.flatMap((theme) =>
    theme.quotes.slice(0, 2).map((q) => {
      items.push({
        id: `quotes-${items.length + 1}`,
        section: 'quotes',
        label: oneLine(q.text).slice(0, 120),
        sourceIds: q.sourceIds,
      });
      return `> ${oneLine(q.text)}\n>\n> — ${refs(q.sourceIds)}`;
    }),
  );
  return { markdown: [input.t('reports.doc.quotes.note'), ...blocks].join('\n\n'), items };
}

/** What the provider did, if anything, and what joining languages could rest on. */
function providerLines({ t, method: m }: DraftInput): string[] {
  if (!m.provider)
    return [t('reports.doc.method.noProvider'), t('reports.doc.method.localLanguages')];
  const host = new URL(m.provider.url).host;
  return [
    m.provider.embeddingModel
      ? t('reports.doc.method.embeddings', { model: m.provider.embeddingModel, host })
      : t('reports.doc.method.localLanguages'),
    ...(m.provider.model
      ? [t('reports.doc.method.provider', { model: m.provider.model, host })]
      : []),
  ];
}

function method(input: DraftInput): Built {
  const { t, method: m } = input;
  const lines = [
    t('reports.doc.method.engine', { engine: m.engine }),
    t('reports.doc.method.inputs', {
      count: m.inputs,
      languages: m.languages.join(', ') || '—',
      themes: m.themes,
    }),
    ...providerLines(input),
    t('reports.doc.method.generated', { date: m.generatedOn }),
    t('reports.doc.method.sources'),
  ];
  return { markdown: lines.map((l) => `- ${l}`).join('\n'), items: [] };
}

function annex(input: DraftInput): Built {
  const list = input.questions.map((q) => `${q.position}. ${oneLine(q.text)}`).join('\n');
  return { markdown: `${input.t('reports.doc.annex.intro')}\n\n${list}`, items: [] };
}

const BUILDERS: Record<SectionKey, (input: DraftInput) => Built> = {
  context,
  summary,
  trends,
  recommendations,
  quotes,
  participation: (input) => ({
    markdown: participationSection(input.t, input.profiles),
    items: [],
  }),
  method,
  annex,
};

export function buildSections(input: DraftInput): {
  sections: ReportSections;
  items: ReportItem[];
} {
  const sections = {} as ReportSections;
  const items: ReportItem[] = [];
  for (const [key, build] of Object.entries(BUILDERS) as Array<
    [SectionKey, (i: DraftInput) => Built]
  >) {
    const built = build(input);
    sections[key] = built.markdown;
    items.push(...built.items);
  }
  return { sections, items };
}
