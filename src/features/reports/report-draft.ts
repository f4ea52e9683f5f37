// Builds the sections of a report draft from the consultation, its published (disclosed)
// submissions and the synthesis engine's output. Pure: the same inputs give the same Markdown.
// Everything here is written in the consultation's first language, whatever the reader's.
import type { Synthesis, Theme } from '../../engines/synthesis/index.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { regionLabel, stakeholderLabel } from '../../http/labels.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';
import type { MethodNote, ReportItem, ReportSections, SectionKey } from './report-model.ts';
import {
  figuresFor,
  figureText,
  participationSection,
  type Profile,
} from './participation-figures.ts';
import { figureId, K, UNKNOWN, type ReportFigures } from './report-figures.ts';
import { numberFormat } from '../../i18n/formatters.ts';

export interface DraftInput {
  locale: Locale;
  t: Translate;
  consultation: { title: string; context: string; rule: string; opensAt: string; closesAt: string };
  questions: Array<{ position: number; text: string }>;
  /** The public form of each submission: nothing here may identify anyone. */
  submissions: DisclosedSubmission[];
  /** Per submission: its contributor and the categories counted. */
  profiles: Map<string, Profile>;
  synthesis: Synthesis;
  method: MethodNote;
  /** Written by the optional provider, when it was used. */
  providerSummary?: string | undefined;
}

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

/** A theme's share of all contributors, when both counts are printed. */
function themeShare(input: DraftInput, figures: ReportFigures, t: number): string | null {
  const size = figures.shown.get(figureId.themeSize(t));
  const total = figures.shown.get(figureId.total);
  if (size?.kind !== 'value' || total?.kind !== 'value' || total.value === 0) return null;
  return percent(input.locale, size.value / total.value);
}

function summary(input: DraftInput, figures: ReportFigures): Built {
  const { t, synthesis } = input;
  if (input.submissions.length === 0) return { markdown: t('reports.doc.summary.none'), items: [] };
  const lines = [
    t('reports.doc.summary.inputs', {
      count: input.submissions.length,
      languages: Object.keys(synthesis.languages).length,
    }),
  ];
  const top = synthesis.themes.slice(0, 5).map((th, i) => {
    const share = themeShare(input, figures, i);
    return share ? `${th.label} (${share})` : th.label;
  });
  if (top.length) lines.push(t('reports.doc.summary.themes', { themes: top.join('; ') }));
  lines.push(t('reports.doc.summary.recommendations', { count: synthesis.recommendations.length }));
  const generated = lines.map((l) => `- ${l}`).join('\n');
  return {
    markdown: input.providerSummary ? `${input.providerSummary.trim()}\n\n${generated}` : generated,
    items: [],
  };
}

/** A theme's shares by group or region: contributors in the theme over the group's, suppressed. */
function shareList(
  input: DraftInput,
  figures: ReportFigures,
  keys: string[],
  ids: { cell: (key: string) => string; total: (key: string) => string },
  label: (key: string) => string,
): string {
  return keys
    .filter((key) => key !== UNKNOWN && figures.count(ids.cell(key)) > 0)
    .map((key) => {
      const shown = figures.shown.get(ids.cell(key));
      if (shown?.kind !== 'value') return { key, share: -1, text: figureText(input.t, shown) };
      const share = shown.value / figures.count(ids.total(key));
      return { key, share, text: percent(input.locale, share) };
    })
    .filter((x) => x.text !== null)
    .sort((a, b) => b.share - a.share)
    .map((x) => `${label(x.key)} ${x.text}`)
    .join(', ');
}

function themeBlock(
  input: DraftInput,
  theme: Theme,
  n: number,
  figures: ReportFigures,
  refs: (ids: string[]) => string,
): string {
  const { t } = input;
  const lines = [`### ${n}. ${theme.label}`, ''];
  if (theme.centralSentence) lines.push(`${oneLine(theme.centralSentence.text)}`, '');
  // Contributors, from the suppressed figures; no count of contributions (one organisation's
  // many texts would weigh as many people) and no share by day or week, which would date a few.
  const size = figureText(t, figures.shown.get(figureId.themeSize(n - 1)));
  const share = themeShare(input, figures, n - 1);
  if (size)
    lines.push(
      `- ${share ? t('figures.theme.size', { count: size, share }) : t('figures.theme.sizeOnly', { count: size })}`,
    );
  if (figures.count(`t${n - 1}`) < K) lines.push(`- ${t('figures.theme.noBreakdown', { k: K })}`);
  const groups = shareList(
    input,
    figures,
    figures.groups,
    { cell: (g) => figureId.themeGroup(n - 1, g), total: figureId.group },
    (g) => stakeholderLabel(t, g),
  );
  if (groups) lines.push(`- ${t('reports.doc.trends.byGroup', { list: groups })}`);
  const regions = shareList(
    input,
    figures,
    figures.regions,
    { cell: (r) => figureId.themeRegion(n - 1, r), total: figureId.region },
    (r) => regionLabel(t, r),
  );
  if (regions) lines.push(`- ${t('reports.doc.trends.byRegion', { list: regions })}`);
  lines.push(
    `- ${t('reports.doc.trends.keyTerms', { terms: theme.keyTerms.slice(0, 8).join(', ') })}`,
  );
  lines.push(`- ${t('reports.doc.sources', { links: refs(theme.sourceIds) })}`);
  return lines.join('\n');
}

function trends(input: DraftInput, figures: ReportFigures): Built {
  const refs = sourceRefs(input);
  const themes = input.synthesis.themes;
  const markdown = themes
    .map((theme, i) => themeBlock(input, theme, i + 1, figures, refs))
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

const BUILDERS: Record<SectionKey, (input: DraftInput, figures: ReportFigures) => Built> = {
  context,
  summary,
  trends,
  recommendations,
  quotes,
  participation: (input, figures) => ({
    markdown: participationSection(input.t, figures),
    items: [],
  }),
  method,
  annex,
};

export function buildSections(input: DraftInput): {
  sections: ReportSections;
  items: ReportItem[];
} {
  // One suppressed system for every figure about who took part, whatever section prints it.
  const figures = figuresFor(input.profiles, input.synthesis.themes);
  const sections = {} as ReportSections;
  const items: ReportItem[] = [];
  for (const key of Object.keys(BUILDERS) as SectionKey[]) {
    const built = BUILDERS[key](input, figures);
    sections[key] = built.markdown;
    items.push(...built.items);
  }
  return { sections, items };
}
