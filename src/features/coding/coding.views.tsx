// Assisted-coding pages: the codebook (own themes, engine suggestions) and the review screen,
// one contribution at a time. Keyboard-first without JavaScript: every theme checkbox and every
// button carries an access key, and the form posts like any other. Both say whether the scores
// use the provider's embeddings, and the codebook shows the "refresh suggestions" job.
import { Form, SelectField, TextAreaField, TextField, type FormState } from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { PublishedSubmission } from '../../ui/published-submission.tsx';
import type { EmbeddingStatus } from './coding.embeddings.ts';
import { STANCES, type CodingService } from './coding.service.ts';
import { PostButton } from '../../ui/buttons.tsx';

type CodebookView = Awaited<ReturnType<CodingService['codebookPage']>>;
type ReviewView = Awaited<ReturnType<CodingService['reviewPage']>>;

const STANCE_KEYS = {
  support: 'reports.coding.stance.support',
  oppose: 'reports.coding.stance.oppose',
  mixed: 'reports.coding.stance.mixed',
} as const;

function stanceLabel(ctx: ViewContext, stance: string | null): string {
  return stance && stance in STANCE_KEYS
    ? ctx.t(STANCE_KEYS[stance as keyof typeof STANCE_KEYS])
    : '—';
}

function EmbeddingJob({
  ctx,
  status,
  path,
}: {
  ctx: ViewContext;
  status: EmbeddingStatus;
  path: string;
}) {
  const { t } = ctx;
  const job = status.job;
  if (!job || job.status === 'done') return null;
  if (job.status === 'failed')
    return (
      <p role="status">{t('reports.coding.embeddings.failed', { error: job.lastError ?? '' })}</p>
    );
  const percent = Math.round((job.progress ?? 0) * 100);
  return (
    <div role="status" class="job-status">
      <p>
        {job.status === 'queued'
          ? t('reports.coding.embeddings.queued')
          : t('reports.coding.embeddings.running', { percent })}
      </p>
      <progress max={100} value={percent} aria-label={t('reports.coding.embeddings.progress')} />
      <p>
        <a href={path}>{t('reports.draft.reload')}</a>
      </p>
    </div>
  );
}

/** Whether scores use the provider's embeddings; on the codebook, the refresh button and job. */
function EmbeddingsNote(props: {
  ctx: ViewContext;
  slug: string;
  status: EmbeddingStatus;
  actions?: boolean;
}) {
  const { ctx, slug, status } = props;
  const { t } = ctx;
  const base = `/consultations/${slug}/coding`;
  if (status.mode !== 'active')
    return (
      <p class="hint" id="embeddings-status">
        {t(
          status.mode === 'disabled'
            ? 'reports.coding.embeddings.disabled'
            : 'reports.coding.embeddings.unavailable',
        )}
      </p>
    );
  const running = status.job?.status === 'queued' || status.job?.status === 'running';
  return (
    <div id="embeddings-status">
      <p>{t('reports.coding.embeddings.active', { model: status.model ?? '' })}</p>
      {status.missing > 0 && (
        <p>{t('reports.coding.embeddings.missing', { count: status.missing })}</p>
      )}
      {props.actions && <EmbeddingJob ctx={ctx} status={status} path={base} />}
      {props.actions && !running && (
        <form method="post" action={`${base}/refresh`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class={status.missing > 0 ? undefined : 'secondary'}>
            {t('reports.coding.embeddings.refresh')}
          </button>
        </form>
      )}
    </div>
  );
}

function ThemesTable({ ctx, view }: { ctx: ViewContext; view: CodebookView }) {
  const { t } = ctx;
  const base = `/consultations/${view.consultation.slug}/coding`;
  if (view.themes.length === 0) return <p>{t('reports.coding.themes.none')}</p>;
  return (
    <table>
      <caption class="visually-hidden">{t('reports.coding.themes.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.coding.themes.name')}</th>
          <th scope="col">{t('reports.coding.themes.description')}</th>
          <th scope="col">{t('reports.coding.themes.stance')}</th>
          <th scope="col">{t('reports.coding.themes.proposed')}</th>
          <th scope="col">{t('reports.coding.themes.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {view.themes.map((th) => (
          <tr>
            <th scope="row">{th.label}</th>
            <td>{th.description}</td>
            <td>{stanceLabel(ctx, th.stance)}</td>
            <td>{t('reports.coding.themes.count', { count: th.inputs })}</td>
            <td>
              <PostButton
                ctx={ctx}
                action={`${base}/themes/${th.id}/delete`}
                label={t('reports.coding.themes.remove')}
                ariaLabel={t('reports.coding.themes.removeLabel', { theme: th.label })}
                secondary
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Suggestions({ ctx, view }: { ctx: ViewContext; view: CodebookView }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('reports.coding.suggestions.title')}</h2>
      {view.suggestions.length === 0 ? (
        <p>{t('reports.coding.suggestions.none')}</p>
      ) : (
        <form method="post" action={`/consultations/${view.consultation.slug}/coding/suggestions`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <fieldset>
            <legend>{t('reports.coding.suggestions.intro')}</legend>
            {view.suggestions.map((sg) => (
              <div class="field">
                <input type="checkbox" id={`suggestion-${sg.id}`} name="suggestion" value={sg.id} />
                <label for={`suggestion-${sg.id}`}>
                  {t('reports.coding.suggestions.item', { label: sg.label, count: sg.inputs })}
                </label>
                {sg.description && <p class="hint">{sg.description}</p>}
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('reports.coding.suggestions.submit')}</button>
        </form>
      )}
    </section>
  );
}

export function CodebookPage(props: { ctx: ViewContext; view: CodebookView; state: FormState }) {
  const { ctx, view, state } = props;
  const { t } = ctx;
  const c = view.consultation;
  const title = t('reports.coding.title', { consultation: c.title });
  const labels = {
    label: t('reports.coding.add.label'),
    description: t('reports.coding.add.description'),
    stance: t('reports.coding.add.stance'),
  };
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(state.errors).length > 0}>
      <h1>{title}</h1>
      <p>
        <a href={`/consultations/${c.slug}/report/draft`}>{t('reports.coding.backToDraft')}</a>
      </p>
      <p>{t('reports.coding.intro')}</p>
      <p>{t('reports.coding.summary', { inputs: view.inputs, reviewed: view.reviewed })}</p>
      <EmbeddingsNote ctx={ctx} slug={c.slug} status={view.embeddings} actions />
      {view.themes.length > 0 && (
        <p>
          <a class="button" href={`/consultations/${c.slug}/coding/review`}>
            {t('reports.coding.review.link')}
          </a>
        </p>
      )}
      <section aria-labelledby="themes-title">
        <h2 id="themes-title">{t('reports.coding.themes.title')}</h2>
        <ThemesTable ctx={ctx} view={view} />
      </section>
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t('reports.coding.add.title')}</h2>
        <Form
          ctx={ctx}
          action={`/consultations/${c.slug}/coding/themes`}
          state={state}
          submit={t('reports.coding.add.submit')}
          fieldLabels={labels}
        >
          <TextField ctx={ctx} state={state} name="label" label={labels.label} maxLength={120} />
          <TextAreaField
            ctx={ctx}
            state={state}
            name="description"
            label={labels.description}
            hint={t('reports.coding.add.descriptionHint')}
            rows={3}
          />
          <SelectField
            ctx={ctx}
            state={state}
            name="stance"
            label={labels.stance}
            emptyLabel={t('reports.coding.add.stanceNone')}
            options={STANCES.map((s) => ({ value: s, label: stanceLabel(ctx, s) }))}
          />
        </Form>
      </section>
      <Suggestions ctx={ctx} view={view} />
    </Layout>
  );
}

function ThemeChoices({ ctx, view }: { ctx: ViewContext; view: ReviewView }) {
  const { t } = ctx;
  return (
    <fieldset>
      <legend>{t('reports.coding.review.legend')}</legend>
      {view.themes.map((th, i) => {
        const key = i < 9 ? String(i + 1) : undefined;
        const percent = Math.round((view.scores[th.id] ?? 0) * 100);
        return (
          <div class="field">
            <input
              type="checkbox"
              id={`theme-${th.id}`}
              name="theme"
              value={th.id}
              checked={view.proposed.includes(th.id)}
              accessKey={key}
              autofocus={i === 0}
            />
            <label for={`theme-${th.id}`}>
              {key ? `${key}. ` : ''}
              {t('reports.coding.review.score', { theme: th.label, percent })}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function ReviewForm({ ctx, view, skip }: { ctx: ViewContext; view: ReviewView; skip: number }) {
  const { t } = ctx;
  const base = `/consultations/${view.consultation.slug}/coding`;
  if (!view.submission) return null;
  return (
    <form method="post" action={`${base}/review`}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="submission" value={view.submission.id} />
      {view.confirmed && <p class="hint">{t('reports.coding.review.confirmed')}</p>}
      <ThemeChoices ctx={ctx} view={view} />
      <p class="hint">{t('reports.coding.review.keys')}</p>
      <button type="submit" accessKey="s">
        {t('reports.coding.review.save')}
      </button>{' '}
      <button type="submit" name="none" value="1" class="secondary" accessKey="0">
        {t('reports.coding.review.none')}
      </button>{' '}
      <a href={`${base}/review?skip=${skip + 1}`} accessKey="k">
        {t('reports.coding.review.skip')}
      </a>
    </form>
  );
}

export function ReviewPage({
  ctx,
  view,
  skip,
}: {
  ctx: ViewContext;
  view: ReviewView;
  skip: number;
}) {
  const { t } = ctx;
  const c = view.consultation;
  const title = t('reports.coding.review.title', { consultation: c.title });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/consultations/${c.slug}/coding`}>{t('reports.nav.coding')}</a>
      </p>
      <p role="status">
        {t('reports.coding.review.progress', { remaining: view.remaining, total: view.total })}
      </p>
      <EmbeddingsNote ctx={ctx} slug={c.slug} status={view.embeddings} />
      {view.themes.length === 0 ? (
        <p>{t('reports.coding.review.noThemes')}</p>
      ) : !view.submission ? (
        <p>{t('reports.coding.review.done')}</p>
      ) : (
        <section aria-label={t('reports.coding.review.contribution')}>
          <PublishedSubmission ctx={ctx} s={view.submission} level={2} />
          <ReviewForm ctx={ctx} view={view} skip={skip} />
        </section>
      )}
    </Layout>
  );
}
