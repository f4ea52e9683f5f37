// The moderation queue: each submitted text exactly as disclose() gives it to the secretariat
// (under `anonymous` it carries no identity, so none is shown), with publish and reject forms.
// Keyboard-first: one heading per text, its two actions right after it, a link to the next one.
import type { FormState } from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { LOCALE_NAMES, isLocale } from '../../i18n/locales.ts';
import { dayLabel } from '../../ui/consultation-labels.ts';
import { PostButton } from '../../ui/buttons.tsx';
import { rejectionLabel, ruleLabel } from '../../ui/secretariat-labels.ts';
import type { DisclosedSubmission } from './disclosure.ts';
import { REJECTION_CATEGORIES } from './submissions.service.ts';

export interface ModerationModel {
  process: { slug: string; title: string };
  consultation: { slug: string; title: string; rule: string };
  /** One page of the texts waiting, oldest first. */
  queue: DisclosedSubmission[];
  /** All texts waiting, this page's place among them, and the pages. */
  total: number;
  offset: number;
  page: number;
  pages: number;
  /** The reject form that failed, to show again with its error. */
  failed?: { id: string; state: FormState } | undefined;
}

const RULE_NOTICES = {
  attributed: 'secretariat.moderation.ruleAttributed',
  chatham_house: 'secretariat.moderation.ruleChathamHouse',
  anonymous: 'secretariat.moderation.ruleAnonymous',
} as const;

/** Plain text as written: blank lines separate paragraphs, single line breaks are kept. */
function PlainText({ text, lang }: { text: string; lang: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((paragraph) => (
        <p dir="auto" lang={lang}>
          {paragraph.split('\n').flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}
        </p>
      ))}
    </>
  );
}

/** As fine as disclose() let it through: the day under `anonymous`, else the minute (UTC). */
function SubmittedAt({ ctx, s }: { ctx: ViewContext; s: DisclosedSubmission }) {
  if (!s.submittedAt) return null;
  const date = dayLabel(ctx.locale, s.submittedAt.slice(0, 10));
  const time = s.submittedAt.length > 10 ? s.submittedAt.slice(11, 16) : undefined;
  return (
    <p>
      <time datetime={s.submittedAt}>
        {time
          ? ctx.t('submission.time.submittedAt', { date, time })
          : ctx.t('submission.time.submittedOn', { date })}
      </time>
    </p>
  );
}

function Identity({ ctx, s, rule }: { ctx: ViewContext; s: DisclosedSubmission; rule: string }) {
  const { t } = ctx;
  if (!s.author)
    return (
      <p>
        {rule === 'anonymous'
          ? t('secretariat.moderation.identityHidden')
          : t('secretariat.moderation.identityUnknown')}
      </p>
    );
  const who = s.author.organisation
    ? t('secretariat.moderation.byFor', {
        name: s.author.displayName,
        organisation: s.author.organisation.name,
      })
    : t('secretariat.moderation.by', { name: s.author.displayName });
  return (
    <p>
      {who}
      {s.cosignatories.length > 0 &&
        ` — ${t('secretariat.moderation.cosignedBy', { organisations: s.cosignatories.map((c) => c.name).join(', ') })}`}
    </p>
  );
}

function RejectForm({
  ctx,
  action,
  s,
  label,
  failed,
}: {
  ctx: ViewContext;
  action: string;
  s: DisclosedSubmission;
  label: string;
  failed: FormState | undefined;
}) {
  const { t } = ctx;
  const error = failed?.errors.category;
  const ids = {
    category: `category-${s.id}`,
    note: `note-${s.id}`,
    error: `category-error-${s.id}`,
  };
  return (
    <form method="post" action={action}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="action" value="reject" />
      <fieldset class={error ? 'field has-error' : 'field'}>
        <legend>{t('secretariat.moderation.rejectLegend', { label })}</legend>
        <label for={ids.category}>{t('secretariat.moderation.category')}</label>
        {error && (
          <p class="field-error" id={ids.error}>
            {t(error as MessageKey)}
          </p>
        )}
        <select
          id={ids.category}
          name="category"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? ids.error : undefined}
        >
          {REJECTION_CATEGORIES.map((c) => (
            <option value={c} selected={failed?.values.category === c}>
              {rejectionLabel(t, c)}
            </option>
          ))}
        </select>
        <label for={ids.note}>{t('secretariat.moderation.note')}</label>
        <p class="hint" id={`${ids.note}-hint`}>
          {t('secretariat.moderation.noteHint')}
        </p>
        <textarea
          id={ids.note}
          name="note"
          rows={2}
          maxLength={2000}
          aria-describedby={`${ids.note}-hint`}
        >
          {failed?.values.note ?? ''}
        </textarea>
        <button type="submit" class="secondary">
          {t('secretariat.moderation.reject')}
        </button>
      </fieldset>
    </form>
  );
}

/** What was written: language, co-signing count, answers under their questions, free text, files. */
function Content({ ctx, s }: { ctx: ViewContext; s: DisclosedSubmission }) {
  const { t } = ctx;
  return (
    <>
      <p>
        {t('secretariat.moderation.language', {
          language: isLocale(s.language) ? LOCALE_NAMES[s.language] : s.language,
        })}
        {s.cosignatoryCount > 0 &&
          ` — ${t('secretariat.moderation.cosignatoryCount', { count: s.cosignatoryCount })}`}
      </p>
      {s.answers.map((a) => (
        <section aria-labelledby={`q-${s.id}-${a.position}`}>
          <h3 id={`q-${s.id}-${a.position}`} dir="auto">
            {a.position}. {a.question}
          </h3>
          <PlainText text={a.text} lang={s.language} />
        </section>
      ))}
      {s.freeText && (
        <section aria-labelledby={`free-${s.id}`}>
          <h3 id={`free-${s.id}`}>{t('secretariat.moderation.freeText')}</h3>
          <PlainText text={s.freeText} lang={s.language} />
        </section>
      )}
      {s.attachments.length > 0 && (
        <p>
          {t('secretariat.moderation.attachments', {
            files: s.attachments.map((a) => a.fileName).join(', '),
          })}
        </p>
      )}
    </>
  );
}

function QueueItem({
  ctx,
  model,
  s,
  index,
}: {
  ctx: ViewContext;
  model: ModerationModel;
  s: DisclosedSubmission;
  index: number;
}) {
  const { t } = ctx;
  const { total, offset, page } = model;
  const label = t('secretariat.moderation.itemTitle', { n: offset + index + 1, total });
  const action = `/consultations/${s.consultationSlug}/moderation/${s.id}${page > 1 ? `?page=${page}` : ''}`;
  return (
    <li id={`item-${index + 1}`}>
      <article aria-labelledby={`title-${s.id}`}>
        <h2 id={`title-${s.id}`} tabindex={-1}>
          {label}
        </h2>
        <Identity ctx={ctx} s={s} rule={model.consultation.rule} />
        <SubmittedAt ctx={ctx} s={s} />
        <Content ctx={ctx} s={s} />
        <PostButton
          ctx={ctx}
          action={action}
          fields={{ action: 'publish' }}
          label={t('secretariat.moderation.publish')}
          ariaLabel={t('secretariat.moderation.publishNamed', { label })}
        />
        <RejectForm
          ctx={ctx}
          action={action}
          s={s}
          label={label}
          failed={model.failed?.id === s.id ? model.failed.state : undefined}
        />
        {index + 1 < model.queue.length && (
          <p>
            <a href={`#item-${index + 2}`}>{t('secretariat.moderation.next')}</a>
          </p>
        )}
      </article>
    </li>
  );
}

/** Links between pages of the queue: plain links, so they work without JavaScript. */
function QueuePages({ ctx, model }: { ctx: ViewContext; model: ModerationModel }) {
  const { t } = ctx;
  if (model.pages <= 1) return null;
  const href = (page: number) =>
    `/consultations/${model.consultation.slug}/moderation${page > 1 ? `?page=${page}` : ''}`;
  return (
    <nav aria-label={t('limits.queue.pages')}>
      <p>{t('limits.queue.page', { page: model.page, pages: model.pages })}</p>
      <ul class="pager">
        {model.page > 1 && (
          <li>
            <a href={href(model.page - 1)} rel="prev">
              {t('limits.queue.previous')}
            </a>
          </li>
        )}
        {model.page < model.pages && (
          <li>
            <a href={href(model.page + 1)} rel="next">
              {t('limits.queue.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function ModerationPage({ ctx, model }: { ctx: ViewContext; model: ModerationModel }) {
  const { t } = ctx;
  const c = model.consultation;
  const rule = RULE_NOTICES[c.rule as keyof typeof RULE_NOTICES];
  return (
    <Layout
      ctx={ctx}
      title={`${t('secretariat.moderation.title')} — ${c.title}`}
      hasErrors={model.failed !== undefined}
    >
      <p>
        <a href={`/processes/${model.process.slug}`}>{model.process.title}</a> ·{' '}
        <a href={`/consultations/${c.slug}/dashboard`}>{t('secretariat.dashboard.title')}</a>
      </p>
      <h1>{t('secretariat.moderation.heading', { title: c.title })}</h1>
      <p>
        <strong>{ruleLabel(t, c.rule).label}:</strong> {rule ? t(rule) : ''}
      </p>
      {model.failed && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t('errors.summaryTitle')}</h2>
          <p>
            <a href={`#category-${model.failed.id}`}>
              {t((model.failed.state.errors.category ?? 'errors.generic') as MessageKey)}
            </a>
          </p>
        </div>
      )}
      <p role="status">{t('secretariat.moderation.waiting', { count: model.total })}</p>
      {model.queue.length > 0 && (
        <ol class="queue">
          {model.queue.map((s, index) => (
            <QueueItem ctx={ctx} model={model} s={s} index={index} />
          ))}
        </ol>
      )}
      <QueuePages ctx={ctx} model={model} />
    </Layout>
  );
}
