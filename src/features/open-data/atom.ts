// Atom documents built with the `feed` library (it escapes text and CDATA). Every date is a day
// at 00:00:00Z: finer times could tell who posted what. Text goes in as escaped HTML because the
// library marks titles and content as type="html".
import { Feed } from 'feed';
import type { Translate } from '../../i18n/i18n.ts';
import { xmlSafe } from '../../shared/invisible-characters.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';

export interface FeedEntry {
  id: string;
  title: string;
  link: string;
  /** YYYY-MM-DD */
  day: string;
  html: string;
  author?: string | undefined;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const dayStart = (day: string) => new Date(`${day.slice(0, 10)}T00:00:00Z`);

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** One published submission, as disclosed: names only when the rule shows them. */
export function submissionEntry(
  baseUrl: string,
  t: Translate,
  consultation: ConsultationRecord,
  s: DisclosedSubmission,
): FeedEntry {
  const parts = s.answers.map((a) => `<h3>${escapeHtml(a.question)}</h3>${paragraphs(a.text)}`);
  if (s.freeText) parts.push(paragraphs(s.freeText));
  if (s.cosignatories.length > 0)
    parts.push(
      `<p>${escapeHtml(t('opendata.cosignedBy', { names: s.cosignatories.map((c) => c.name).join(', ') }))}</p>`,
    );
  else if (s.cosignatoryCount > 0)
    parts.push(`<p>${escapeHtml(t('opendata.cosignedCount', { count: s.cosignatoryCount }))}</p>`);
  if (s.attachments.length > 0)
    parts.push(
      `<ul>${s.attachments.map((a) => `<li><a href="${escapeHtml(`${baseUrl}/attachments/${a.id}`)}">${escapeHtml(a.fileName)}</a></li>`).join('')}</ul>`,
    );
  const author = s.author
    ? [s.author.displayName, s.author.organisation?.name].filter(Boolean).join(', ')
    : undefined;
  return {
    id: `${baseUrl}/submissions/${s.id}`,
    title: t('opendata.submissionTitle', { consultation: consultation.title }),
    link: `${baseUrl}/submissions/${s.id}`,
    day: s.publishedOn ?? '1970-01-01',
    html: parts.join(''),
    author,
  };
}

/** Public milestones of a consultation's life that have happened by now. */
export function consultationEntries(
  baseUrl: string,
  t: Translate,
  c: ConsultationRecord,
  now: Date,
): FeedEntry[] {
  if (!c.publishedAt) return [];
  const link = `${baseUrl}/consultations/${c.slug}`;
  const html = `<p>${escapeHtml(c.title)}</p>`;
  const entries: FeedEntry[] = [
    {
      id: `${link}#announced`,
      title: t('opendata.event.announced', { title: c.title }),
      link,
      day: c.publishedAt,
      html,
    },
  ];
  const opened = c.opensAt > c.publishedAt ? c.opensAt : c.publishedAt;
  if (opened <= now.toISOString())
    entries.push({
      id: `${link}#opened`,
      title: t('opendata.event.opened', { title: c.title }),
      link,
      day: opened,
      html,
    });
  if (c.closesAt <= now.toISOString())
    entries.push({
      id: `${link}#closed`,
      title: t('opendata.event.closed', { title: c.title }),
      link,
      day: c.closesAt,
      html,
    });
  return entries;
}

export interface AtomInput {
  title: string;
  selfUrl: string;
  pageUrl: string;
  /** The convener: an institution, never a contributor. */
  author: string;
  language: string;
  fallbackDay: string;
  entries: FeedEntry[];
}

export function atomDocument(input: AtomInput): string {
  const entries = [...input.entries]
    .sort((a, b) => b.day.localeCompare(a.day) || a.id.localeCompare(b.id))
    .slice(0, 100);
  const updated = dayStart(entries[0]?.day ?? input.fallbackDay);
  const feed = new Feed({
    title: escapeHtml(input.title),
    id: input.selfUrl,
    link: input.pageUrl,
    language: input.language,
    copyright: '',
    updated,
    author: { name: input.author },
    feedLinks: { atom: input.selfUrl },
  });
  for (const e of entries) {
    feed.addItem({
      id: e.id,
      title: escapeHtml(e.title),
      link: e.link,
      date: dayStart(e.day),
      content: e.html,
      ...(e.author ? { author: [{ name: e.author }] } : {}),
    });
  }
  // Text stored before input was cleaned may hold characters XML cannot carry (a NUL makes the
  // whole feed unreadable): the document is made valid on the way out.
  return xmlSafe(feed.atom1());
}
