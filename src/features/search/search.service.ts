// Search over what the public may read. The index only ever receives DisclosedSubmission objects
// and published consultations, so nothing a visitor may not see can be found — no names, no
// organisations, only the day of publication.
import { detectLanguage } from '../../engines/text/index.ts';
import { markdownToText } from '../../http/markdown.ts';
import type { SearchHit, SearchSql } from '../../db/search.ts';
import type { ConsultationRecord, QuestionRecord } from '../consultations/consultations.store.ts';
import type { DisclosedSubmission } from '../submissions/disclosure.ts';
import { documentTokens, queryGroups } from './search-text.ts';
import { excerptOf, type Excerpt } from './excerpt.ts';

export const PAGE_SIZE = 20;
const MAX_QUERY = 200;

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

  /** The query's candidate languages: the reader's, and the one the query itself looks like. */
  function queryLanguages(query: string, hint: string): string[] {
    const detected = detectLanguage(query);
    return [...new Set([hint, ...(detected.language ? [detected.language] : [])])];
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

    async search(
      query: string,
      options: { language: string; page: number },
    ): Promise<{ results: SearchResult[]; hasMore: boolean }> {
      const text = query.slice(0, MAX_QUERY);
      const groups = queryGroups(text, queryLanguages(text, options.language));
      const page = Math.max(1, Math.floor(options.page) || 1);
      const hits = await sql.query(groups, {
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
      });
      return {
        results: hits.slice(0, PAGE_SIZE).map((h) => toResult(h, groups)),
        hasMore: hits.length > PAGE_SIZE,
      };
    },
  };
}

export type SearchService = ReturnType<typeof searchService>;
