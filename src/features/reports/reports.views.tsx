// Report pages: the secretariat's draft (with the generation job's progress), the editor with
// a server-side preview, the published report, and the comparison of two versions.
import { Form, TextAreaField, type FormState } from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import { PostButton } from '../../ui/buttons.tsx';
import { Markdown } from '../../ui/markdown.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { direction, type Locale } from '../../i18n/locales.ts';
import type { JobState } from '../../jobs/queue.ts';
import { FORMATS } from './report-export.ts';
import { sectionHeading } from './report-markdown.ts';
import { SECTIONS, type ReportSections } from './report-model.ts';
import type { ReportsService } from './reports.service.ts';

type DraftView = Awaited<ReturnType<ReportsService['draftPage']>>;
type PublishedView = Awaited<ReturnType<ReportsService['publishedReport']>>;
type CompareView = Awaited<ReturnType<ReportsService['compare']>>;

/** The report body: each section under its heading, in the report's language and direction. */
export function ReportBody({
  sections,
  language,
  actions,
}: {
  sections: ReportSections;
  language: Locale;
  actions?: (section: string) => preact.ComponentChildren;
}) {
  return (
    <div lang={language} dir={direction(language)}>
      {SECTIONS.map((key) => (
        <section id={key} aria-labelledby={`heading-${key}`}>
          <h2 id={`heading-${key}`}>{sectionHeading(language, key)}</h2>
          <Markdown source={sections[key] || '—'} />
          {actions?.(key)}
        </section>
      ))}
    </div>
  );
}

function JobStatus({
  ctx,
  job,
  path,
}: {
  ctx: ViewContext;
  job: JobState | undefined;
  path: string;
}) {
  const { t } = ctx;
  if (!job || job.status === 'done')
    return job ? <p role="status">{t('reports.draft.job.done')}</p> : null;
  const percent = Math.round((job.progress ?? 0) * 100);
  return (
    <div role="status" class="job-status">
      {job.status === 'failed' ? (
        <p>{t('reports.draft.job.failed', { error: job.lastError ?? '' })}</p>
      ) : (
        <>
          <p>
            {job.status === 'queued'
              ? t('reports.draft.job.queued')
              : t('reports.draft.job.running', { percent, step: job.progressNote ?? '' })}
          </p>
          <progress max={100} value={percent} aria-label={t('reports.draft.progress')} />
          <p>
            <a href={path}>{t('reports.draft.reload')}</a>
          </p>
        </>
      )}
    </div>
  );
}

function ProviderForm({ ctx, view }: { ctx: ViewContext; view: DraftView }) {
  const { t } = ctx;
  if (!view.providerConfigured) return <p class="hint">{t('reports.provider.unavailable')}</p>;
  const base = `/consultations/${view.consultation.slug}/report`;
  return (
    <form method="post" action={`${base}/settings`}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <div class="field">
        <input
          type="checkbox"
          id="field-provider"
          name="provider"
          value="on"
          checked={view.draft?.providerEnabled ?? false}
          aria-describedby="hint-provider"
        />
        <label for="field-provider">{t('reports.provider.label')}</label>
        <p class="hint" id="hint-provider">
          {t('reports.provider.hint')}
        </p>
      </div>
      <button type="submit">{t('reports.provider.save')}</button>
    </form>
  );
}

export function DraftPage({ ctx, view }: { ctx: ViewContext; view: DraftView }) {
  const { t } = ctx;
  const c = view.consultation;
  const base = `/consultations/${c.slug}/report`;
  const generated = Boolean(view.draft?.generatedAt);
  const running = view.job && (view.job.status === 'queued' || view.job.status === 'running');
  return (
    <Layout ctx={ctx} title={t('reports.draft.title', { consultation: c.title })}>
      <h1>{t('reports.draft.title', { consultation: c.title })}</h1>
      <ul class="links">
        <li>
          <a href={`/consultations/${c.slug}/coding`}>{t('reports.nav.coding')}</a>
        </li>
        <li>
          <a href={`/consultations/${c.slug}/responses/manage`}>{t('reports.nav.responses')}</a>
        </li>
        {view.versions.length > 0 && (
          <li>
            <a href={base}>{t('reports.nav.published')}</a>
          </li>
        )}
      </ul>
      <JobStatus ctx={ctx} job={view.job} path={`${base}/draft`} />
      <ProviderForm ctx={ctx} view={view} />
      {!running && (
        <PostButton
          ctx={ctx}
          action={`${base}/generate`}
          label={generated ? t('reports.draft.regenerateAll') : t('reports.draft.generate')}
        />
      )}
      {!generated ? (
        <p>{t('reports.draft.none')}</p>
      ) : (
        <>
          <p>
            {t('reports.draft.lastGenerated', {
              date: (view.draft?.generatedAt ?? '').slice(0, 10),
            })}{' '}
            <a href={`${base}/edit`}>{t('reports.draft.edit')}</a>
          </p>
          <PostButton ctx={ctx} action={`${base}/publish`} label={t('reports.draft.publish')} />
          <ReportBody
            sections={view.draft?.sections ?? ({} as ReportSections)}
            language={view.language}
            actions={(section) =>
              !running && (
                <PostButton
                  ctx={ctx}
                  action={`${base}/generate`}
                  label={t('reports.draft.regenerateSection')}
                  fields={{ section }}
                />
              )
            }
          />
        </>
      )}
    </Layout>
  );
}

export function EditPage({
  ctx,
  view,
  state,
  preview,
}: {
  ctx: ViewContext;
  view: DraftView;
  state: FormState;
  preview: ReportSections | null;
}) {
  const { t } = ctx;
  const c = view.consultation;
  const labels = Object.fromEntries(
    SECTIONS.map((s) => [`section_${s}`, sectionHeading(view.language, s)]),
  );
  return (
    <Layout
      ctx={ctx}
      title={t('reports.edit.title')}
      hasErrors={Object.keys(state.errors).length > 0}
    >
      <h1>{t('reports.edit.title')}</h1>
      <p class="hint">{t('reports.edit.hint')}</p>
      <Form
        ctx={ctx}
        action={`/consultations/${c.slug}/report/edit`}
        state={state}
        submit={t('reports.edit.save')}
        fieldLabels={labels}
      >
        {SECTIONS.map((s) => (
          <TextAreaField
            ctx={ctx}
            state={state}
            name={`section_${s}`}
            label={labels[`section_${s}`] ?? s}
            rows={s === 'trends' || s === 'recommendations' ? 16 : 8}
          />
        ))}
        <button type="submit" name="action" value="preview" class="secondary">
          {t('reports.edit.preview')}
        </button>
      </Form>
      {preview && (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t('reports.edit.previewTitle')}</h2>
          <ReportBody sections={preview} language={view.language} />
        </section>
      )}
    </Layout>
  );
}

export function PublishedPage({ ctx, view }: { ctx: ViewContext; view: PublishedView }) {
  const { t } = ctx;
  const { consultation: c, record, versions } = view;
  const base = `/consultations/${c.slug}/report`;
  const previous = versions.find((v) => v.version < record.version);
  return (
    <Layout ctx={ctx} title={t('reports.public.title', { consultation: c.title })}>
      <h1>{t('reports.public.title', { consultation: c.title })}</h1>
      <p>{t('reports.public.version', { version: record.version, date: record.publishedOn })}</p>
      <nav aria-label={t('reports.public.download')}>
        <h2>{t('reports.public.download')}</h2>
        <ul class="links">
          {FORMATS.map((f) => (
            <li>
              <a href={`${base}/export/${f}?version=${record.version}`} download>
                {f.toUpperCase()}
              </a>
            </li>
          ))}
          <li>
            <a href={`/consultations/${c.slug}/responses`}>{t('reports.public.responses')}</a>
          </li>
          {previous && (
            <li>
              <a href={`${base}/compare?from=${previous.version}&to=${record.version}`}>
                {t('reports.public.compare')}
              </a>
            </li>
          )}
        </ul>
      </nav>
      <ReportBody sections={record.sections} language={record.language} />
      <h2>{t('reports.public.versions')}</h2>
      <ul class="links">
        {versions.map((v) => (
          <li>
            <a href={`${base}/versions/${v.version}`}>
              {t('reports.public.version', { version: v.version, date: v.publishedOn })}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ComparePage({ ctx, view }: { ctx: ViewContext; view: CompareView }) {
  const { t } = ctx;
  const title = t('reports.compare.title', { from: view.from, to: view.to });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/consultations/${view.consultation.slug}/report`}>{t('reports.nav.published')}</a>
      </p>
      <div class="diff">
        {view.parts.map((p) =>
          p.kind === 'added' ? (
            <ins>
              <span class="visually-hidden">{t('reports.compare.added')}: </span>
              <pre>{p.text}</pre>
            </ins>
          ) : p.kind === 'removed' ? (
            <del>
              <span class="visually-hidden">{t('reports.compare.removed')}: </span>
              <pre>{p.text}</pre>
            </del>
          ) : (
            <pre>{p.text}</pre>
          ),
        )}
      </div>
    </Layout>
  );
}
