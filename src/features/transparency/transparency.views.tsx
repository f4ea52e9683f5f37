// The public transparency log and the result of recomputing its chain. Entries carry only the
// day, the action, its subject and the hashes: nothing here names a contributor. A submission an
// entry refers to is shown by its public reference, as on its own public page.
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { dayLabel } from '../../ui/consultation-labels.ts';
import { OUTCOME_KEYS } from '../responses/index.ts';
import type { ChainCheck, LogEntry } from './transparency.service.ts';

const ACTION_KEYS = {
  consultation_opened: 'transparency.action.consultationOpened',
  consultation_closed: 'transparency.action.consultationClosed',
  consultation_published: 'transparency.action.consultationPublished',
  submission_published: 'transparency.action.submissionPublished',
  submission_rejected: 'transparency.action.submissionRejected',
  submission_withdrawn: 'transparency.action.submissionWithdrawn',
  accreditation_decided: 'transparency.action.accreditationDecided',
  report_published: 'transparency.action.reportPublished',
} as const;

/** A response's outcome is logged as a code; the visitor reads it in their own language. */
function outcomeLabel(ctx: ViewContext, value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(OUTCOME_KEYS, value)
    ? ctx.t(OUTCOME_KEYS[value as keyof typeof OUTCOME_KEYS])
    : undefined;
}

function responseLabel(ctx: ViewContext, e: LogEntry): string | undefined {
  const outcome = outcomeLabel(ctx, e.details.outcome);
  if (!outcome) return undefined;
  const previous = outcomeLabel(ctx, e.details.previousOutcome);
  if (e.action === 'response_recorded')
    return ctx.t('transparency.action.responseRecorded', { outcome });
  if (e.action !== 'response_changed') return undefined;
  return previous
    ? ctx.t('transparency.action.responseOutcomeChanged', { outcome, previous })
    : ctx.t('transparency.action.responseChanged', { outcome });
}

function actionLabel(ctx: ViewContext, e: LogEntry): string {
  const response = responseLabel(ctx, e);
  if (response) return response;
  const key = ACTION_KEYS[e.action as keyof typeof ACTION_KEYS];
  return key ? ctx.t(key) : e.action;
}

/** Where an entry's subject can be read, when it has a public page. */
function subjectHref(e: LogEntry): string | undefined {
  return e.subjectType === 'consultation'
    ? `/consultations/${encodeURIComponent(e.subjectId)}`
    : undefined;
}

function Subject({ e }: { e: LogEntry }) {
  const href = subjectHref(e);
  const label = `${e.subjectType}: ${e.subjectId}`;
  const submission = e.details.submission;
  const reference = typeof submission === 'string' ? `submission: ${submission}` : undefined;
  // A withdrawn submission no longer has a public page to link to.
  const linked = reference !== undefined && e.action !== 'submission_withdrawn';
  return (
    <>
      {href ? <a href={href}>{label}</a> : label}
      {reference !== undefined && <br />}
      {linked ? (
        <a href={`/submissions/${encodeURIComponent(submission as string)}`}>{reference}</a>
      ) : (
        reference
      )}
    </>
  );
}

export function TransparencyPage({
  ctx,
  entries,
  next,
  paged,
}: {
  ctx: ViewContext;
  entries: LogEntry[];
  next: number | null;
  paged: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('transparency.title')}>
      <h1>{t('transparency.title')}</h1>
      <p class="lead">{t('transparency.intro')}</p>
      <p>
        <a href="/transparency/verify">{t('transparency.verifyLink')}</a>
      </p>
      {entries.length === 0 ? (
        <p>{t('transparency.none')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('transparency.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('transparency.seq')}</th>
              <th scope="col">{t('transparency.day')}</th>
              <th scope="col">{t('transparency.action')}</th>
              <th scope="col">{t('transparency.subject')}</th>
              <th scope="col">{t('transparency.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr id={`entry-${e.seq}`}>
                <th scope="row">{e.seq}</th>
                <td>{dayLabel(locale, e.day)}</td>
                <td>{actionLabel(ctx, e)}</td>
                <td dir="ltr">
                  <Subject e={e} />
                </td>
                <td dir="ltr">
                  <code title={e.hash}>{e.hash.slice(0, 16)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t('transparency.pages')}>
        <ul class="links">
          {paged && (
            <li>
              <a href="/transparency">{t('transparency.first')}</a>
            </li>
          )}
          {next !== null && (
            <li>
              <a href={`/transparency?after=${next}`}>{t('transparency.next')}</a>
            </li>
          )}
        </ul>
      </nav>
    </Layout>
  );
}

export function VerifyPage({ ctx, check }: { ctx: ViewContext; check: ChainCheck }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('transparency.verify.title')}>
      <h1>{t('transparency.verify.title')}</h1>
      <p>{t('transparency.verify.how')}</p>
      {check.ok ? (
        <p role="status" class="verify-ok">
          {t('transparency.verify.ok', { count: check.count })}
        </p>
      ) : (
        <div role="alert" class="verify-broken">
          <p>{t('transparency.verify.broken', { seq: check.brokenAt })}</p>
          <p>
            {t(
              check.kind === 'link'
                ? 'transparency.verify.reasonLink'
                : 'transparency.verify.reasonContent',
            )}
          </p>
          <p>
            <a
              href={`/transparency?after=${Math.max(0, check.brokenAt - 1)}#entry-${check.brokenAt}`}
            >
              {t('transparency.verify.showEntry', { seq: check.brokenAt })}
            </a>
          </p>
        </div>
      )}
      <p>{t('transparency.verify.cli')}</p>
      <p>
        <a href="/transparency">{t('transparency.back')}</a>
      </p>
    </Layout>
  );
}
