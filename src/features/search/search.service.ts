// Search over what the public may read. The index only ever receives DisclosedSubmission objects
// and published consultations, so nothing a visitor may not see can be found — no names, no
// organisations, only the day of publication.
import { LRUCache } from 'lru-cache';
import { detectLanguage } from '../../engines/text/index.ts';
import { markdownToText } from '../../http/markdown.ts';
import type { SearchHit, SearchSql } from '../../db/search.ts';
import type { ConsultationRecord, QuestionRecord } from '../consultations/index.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';
import { documentTokens, queryGroups } from './search-text.ts';
import { excerptOf, type Excerpt } from './excerpt.ts';

export const PAGE_SIZE = 20;
const MAX_QUERY = 200;
/** Queries whose analysis (language guess, stems) is kept: pure, and most queries recur. */
const ANALYSED_QUERIES = 2000;
/** Result pages kept per instance, by approximate size: a few thousand pages. */
const RESULTS_BYTES = 8 * 1024 * 1024;

/** What the submissions and consultations services tell the index. */
export interface PublicIndex {
  submissionPublished(
    consultation: ConsultationRecord,
    submission: DisclosedSubmission,
  ): Promise<void>;
  /** Withdrawn, rejected or edited back into moderation: no longer public. */
  submissionHidden(submissionId: string): Promise<void>;
  consultationChanged(consultation: ConsultationRecord, questions: QuestionRecord[]): Promise<void>;
}

export interface SearchResult {
  kind: 'consultation' | 'submission';
  url: string;
  title: string;
  language: string;
  publishedOn: string | null;
  excerpt: Excerpt;
}

/** One page of results; shared between callers once kept, so never to be changed. */
export interface SearchResults {
  readonly results: readonly SearchResult[];
  readonly hasMore: boolean;
}

const NOTHING: SearchResults = { results: [], hasMore: false };

function approximateBytes(found: SearchResults): number {
  let n = 64;
  for (const r of found.results) {
    const { before, match, after } = r.excerpt;
    n += 128 + 2 * (r.url.length + r.title.length + before.length + match.length + after.length);
  }
  return n;
}

export function searchService(deps: { sql: SearchSql }) {
  const { sql } = deps;

  const index: PublicIndex = {
    async submissionPublished(consultation, submission) {
      const body = [...submission.answers.map((a) => a.text), submission.freeText]
        .filter(Boolean)
        .join('\n\n');
      await sql.put({
        docId: `submission:${submission.id}`,
        kind: 'submission',
        subjectId: submission.id,
        consultationId: consultation.id,
        language: submission.language,
        title: consultation.title,
        body,
        url: `/submissions/${submission.id}`,
        publishedOn: submission.publishedOn,
        tokens: documentTokens(body, submission.language),
      });
    },

    async submissionHidden(submissionId) {
      await sql.remove(`submission:${submissionId}`);
    },

    async consultationChanged(consultation, questions) {
      const docId = `consultation:${consultation.id}`;
      if (!consultation.publishedAt) return sql.remove(docId);
      const body = [markdownToText(consultation.context), ...questions.map((q) => q.text)]
        .filter(Boolean)
        .join('\n\n');
      // A consultation runs in several languages; its text is analysed in the first one.
      const language = consultation.languages[0] ?? 'en';
      await sql.put({
        docId,
        kind: 'consultation',
        subjectId: consultation.id,
        consultationId: consultation.id,
        language,
        title: consultation.title,
        body,
        url: `/consultations/${consultation.slug}`,
        publishedOn: consultation.publishedAt.slice(0, 10),
        tokens: documentTokens(`${consultation.title}\n${body}`, language),
      });
    },
  };

  const analysed = new LRUCache<string, string[][]>({ max: ANALYSED_QUERIES });
  // Keyed by the database's search content version: a write on any instance raises it, so an
  // entry is never served after what it shows has changed, and each instance's copy is only that.
  const kept = new LRUCache<string, SearchResults>({
    maxSize: RESULTS_BYTES,
    sizeCalculation: (found, key) => approximateBytes(found) + key.length,
  });
  // Many readers asking the same page at once (a popular query right after a write) share one
  // search rather than each running it.
  const running = new Map<string, Promise<SearchResults>>();

  /** The query's candidate languages: the reader's, and the one the query itself looks like. */
  function queryLanguages(query: string, hint: string): string[] {
    const detected = detectLanguage(query);
    return [...new Set([hint, ...(detected.language ? [detected.language] : [])])];
  }

  /** The query as groups of index forms (see queryGroups); depends on nothing but its inputs. */
  function analyse(text: string, language: string): string[][] {
    const key = `${language}\n${text}`;
    let groups = analysed.get(key);
    if (!groups) {
      groups = queryGroups(text, queryLanguages(text, language));
      analysed.set(key, groups);
    }
    return groups;
  }

  async function find(groups: string[][], page: number): Promise<SearchResults> {
    const hits = await sql.query(groups, {
      limit: PAGE_SIZE + 1,
      offset: (page - 1) * PAGE_SIZE,
    });
    return {
      results: hits.slice(0, PAGE_SIZE).map((h) => toResult(h, groups)),
      hasMore: hits.length > PAGE_SIZE,
    };
  }

  function toResult(hit: SearchHit, groups: string[][]): SearchResult {
    return {
      kind: hit.kind === 'consultation' ? 'consultation' : 'submission',
      url: hit.url,
      title: hit.title,
      language: hit.language,
      publishedOn: hit.publishedOn,
      excerpt: excerptOf(hit.body, hit.language, groups),
    };
  }

  return {
    index,

    /** Raised by the database on every write that changes what search can show. */
    contentVersion: () => sql.contentVersion(),

    async search(
      query: string,
      options: {
        language: string;
        page: number;
        /** The search content version the caller already read for this request, if it did. */
        version?: number;
      },
    ): Promise<SearchResults> {
      const groups = analyse(query.slice(0, MAX_QUERY), options.language);
      if (groups.length === 0) return NOTHING;
      const page = Math.max(1, Math.floor(options.page) || 1);
      // Read before searching: what is kept under a version is never older than it.
      const version = options.version ?? (await sql.contentVersion());
      const key = `${version}\n${page}\n${JSON.stringify(groups)}`;
      const found = kept.get(key);
      if (found) return found;
      let search = running.get(key);
      if (!search) {
        search = find(groups, page).finally(() => running.delete(key));
        running.set(key, search);
        search.then((r) => kept.set(key, r)).catch(() => undefined);
      }
      return search;
    },
  };
}

export type SearchService = ReturnType<typeof searchService>;
