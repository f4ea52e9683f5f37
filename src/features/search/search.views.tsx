// The search page: one labelled search box, results as a list of links with a highlighted
// excerpt, each marked with its own language so screen readers pronounce it correctly.
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { formatDate } from '../../i18n/i18n.ts';
import { direction, isLocale } from '../../i18n/locales.ts';
import { PAGE_SIZE, type SearchResult } from './search.service.ts';

export interface SearchView {
  query: string;
  page: number;
  results: readonly SearchResult[];
  hasMore: boolean;
}

function pageHref(query: string, page: number): string {
  return `/search?${new URLSearchParams({ q: query, page: String(page) }).toString()}`;
}

function Result({ ctx, result }: { ctx: ViewContext; result: SearchResult }) {
  const { t } = ctx;
  const dir = isLocale(result.language) ? direction(result.language) : 'auto';
  return (
    <li class="search-result">
      <h2>
        <a href={result.url} lang={result.language} dir={dir}>
          {result.kind === 'consultation'
            ? result.title
            : t('search.submissionTo', { title: result.title })}
        </a>
      </h2>
      <p class="hint">
        {result.kind === 'consultation'
          ? t('search.kind.consultation')
          : t('search.kind.submission')}
        {result.publishedOn &&
          ` — ${t('search.publishedOn', { date: formatDate(ctx.locale, result.publishedOn) })}`}
      </p>
      <p lang={result.language} dir={dir}>
        {result.excerpt.before}
        {result.excerpt.match && <mark>{result.excerpt.match}</mark>}
        {result.excerpt.after}
      </p>
    </li>
  );
}

function Summary({ ctx, view }: { ctx: ViewContext; view: SearchView }) {
  if (!view.query) return null;
  const first = (view.page - 1) * PAGE_SIZE + 1;
  return (
    <p role="status">
      {view.results.length === 0
        ? ctx.t('search.none', { query: view.query })
        : ctx.t('search.showing', {
            from: first,
            to: first + view.results.length - 1,
            query: view.query,
          })}
    </p>
  );
}

export function SearchPage({ ctx, view }: { ctx: ViewContext; view: SearchView }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={view.query ? t('search.titleFor', { query: view.query }) : t('search.title')}
    >
      <h1>{t('search.title')}</h1>
      <form role="search" method="get" action="/search">
        <div class="field">
          <label for="search-q">{t('search.label')}</label>
          <p class="hint" id="search-hint">
            {t('search.hint')}
          </p>
          <input
            id="search-q"
            type="search"
            name="q"
            value={view.query}
            maxLength={200}
            aria-describedby="search-hint"
            dir="auto"
          />
        </div>
        <button type="submit">{t('search.submit')}</button>
      </form>
      <Summary ctx={ctx} view={view} />
      {view.results.length > 0 && (
        <ol class="links search-results">
          {view.results.map((r) => (
            <Result ctx={ctx} result={r} />
          ))}
        </ol>
      )}
      {(view.page > 1 || view.hasMore) && (
        <nav aria-label={t('search.pages')}>
          {view.page > 1 && (
            <a href={pageHref(view.query, view.page - 1)}>{t('search.previous')}</a>
          )}
          {view.page > 1 && view.hasMore && ' · '}
          {view.hasMore && <a href={pageHref(view.query, view.page + 1)}>{t('search.next')}</a>}
        </nav>
      )}
    </Layout>
  );
}
