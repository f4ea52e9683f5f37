// Process pages: the public list, the create and edit forms, and the process page itself (its
// secretariat's management forms live in processes.manage.views.tsx).
import type { ComponentChildren } from 'preact';
import { Form, TextAreaField, TextField, type FormState } from '../../ui/forms.tsx';
import { stakeholderLabel } from '../../http/labels.ts';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import {
  AccreditationRequestSection,
  type RequestableOrganisation,
} from '../accreditation/index.ts';
import type { Phase } from '../../shared/consultation-rules.ts';
import { Markdown } from '../../ui/markdown.tsx';
import {
  AdminSecretariatSection,
  ManageProcessSection,
  type ManageForms,
  type SecretariatMember,
} from './processes.manage.views.tsx';
import { Consultations, Documents, Related, Timeline } from './processes.sections.views.tsx';
import type { ProcessesService } from './processes.service.ts';
import type { ProcessRecord } from './processes.store.ts';

export type ProcessView = Awaited<ReturnType<ProcessesService['viewProcess']>>;

export interface ProcessPageModel {
  view: ProcessView;
  consultations: Array<{
    slug: string;
    title: string;
    phase: Phase;
    closesAt: string;
    timeZone: string;
  }>;
  accredited: Array<{ name: string; slug: string; stakeholderGroup: string }>;
  /** The viewer is the process's secretariat (or an instance administrator). */
  manage: boolean;
  /** Signed-in viewers: the organisations they may ask accreditation for. */
  requestable: RequestableOrganisation[] | null;
  /** Instance administrators only. */
  secretariatMembers: SecretariatMember[] | null;
  otherProcesses: Array<{ slug: string; title: string }>;
}

export interface ProcessPageForms extends ManageForms {
  accreditation?: FormState;
  secretariat?: FormState;
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function ProcessListPage({
  ctx,
  processes,
  canCreate,
}: {
  ctx: ViewContext;
  processes: ProcessRecord[];
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('secretariat.processes.title')}>
      <h1>{t('secretariat.processes.title')}</h1>
      <p class="lead">{t('secretariat.processes.lead')}</p>
      {processes.length === 0 ? (
        <p>{t('secretariat.processes.none')}</p>
      ) : (
        <ul class="links">
          {processes.map((p) => (
            <li>
              <a href={`/processes/${p.slug}`}>{p.title}</a> — {p.convener}
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <p>
          <a class="button" href="/processes/new">
            {t('secretariat.process.new')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function ProcessFormPage(props: {
  ctx: ViewContext;
  state: FormState;
  action: string;
  mode: 'new' | 'edit';
}) {
  const { ctx, state } = props;
  const { t } = ctx;
  const title = props.mode === 'new' ? t('secretariat.process.new') : t('secretariat.process.edit');
  const labels = {
    title: t('secretariat.process.titleField'),
    convener: t('secretariat.process.convener'),
    description: t('secretariat.process.description'),
    frameworks: t('secretariat.process.frameworks'),
  };
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(state.errors).length > 0}>
      <h1>{title}</h1>
      <Form
        ctx={ctx}
        action={props.action}
        state={state}
        submit={props.mode === 'new' ? t('secretariat.process.create') : t('secretariat.save')}
        fieldLabels={labels}
      >
        <TextField ctx={ctx} state={state} name="title" label={labels.title} maxLength={200} />
        <TextField
          ctx={ctx}
          state={state}
          name="convener"
          label={labels.convener}
          hint={t('secretariat.process.convenerHint')}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="description"
          label={labels.description}
          hint={t('secretariat.markdownHint')}
          rows={10}
          maxLength={20000}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="frameworks"
          label={labels.frameworks}
          hint={t('secretariat.process.frameworksHint')}
          rows={5}
        />
      </Form>
    </Layout>
  );
}

/** Convener, frameworks, the id administrators need to grant roles, and the secretariat's links. */
function ProcessFacts({ ctx, model }: { ctx: ViewContext; model: ProcessPageModel }) {
  const { t } = ctx;
  const { process } = model.view;
  return (
    <>
      <dl class="facts">
        <dt>{t('secretariat.process.convener')}</dt>
        <dd dir="auto">{process.convener}</dd>
        {process.frameworks.length > 0 && (
          <>
            <dt>{t('secretariat.process.frameworks')}</dt>
            <dd>{process.frameworks.join(' · ')}</dd>
          </>
        )}
        {ctx.isAdmin && (
          <>
            <dt>{t('secretariat.process.id')}</dt>
            <dd dir="ltr">
              <code>{process.id}</code>
            </dd>
          </>
        )}
      </dl>
      {model.manage && (
        <p>
          <a href={`/processes/${process.slug}/edit`}>{t('secretariat.process.edit')}</a> ·{' '}
          <a href={`/processes/${process.slug}/accreditations`}>
            {t('secretariat.accreditations.title')}
          </a>
        </p>
      )}
    </>
  );
}

function Accredited({ ctx, model }: { ctx: ViewContext; model: ProcessPageModel }) {
  const { t } = ctx;
  return model.accredited.length === 0 ? (
    <p>{t('secretariat.accredited.none')}</p>
  ) : (
    <ul class="links">
      {model.accredited.map((o) => (
        <li>
          <a href={`/organisations/${o.slug}`}>{o.name}</a> —{' '}
          {stakeholderLabel(t, o.stakeholderGroup)}
        </li>
      ))}
    </ul>
  );
}

export function ProcessPage({
  ctx,
  model,
  forms,
}: {
  ctx: ViewContext;
  model: ProcessPageModel;
  forms: ProcessPageForms;
}) {
  const { t } = ctx;
  const { process } = model.view;
  const hasErrors = Object.values(forms).some((f) => f && Object.keys(f.errors).length > 0);
  return (
    <Layout ctx={ctx} title={process.title} hasErrors={hasErrors}>
      <h1 dir="auto">{process.title}</h1>
      <ProcessFacts ctx={ctx} model={model} />
      {process.description && <Markdown source={process.description} />}
      <Section id="timeline" title={t('secretariat.timeline.title')}>
        <Timeline ctx={ctx} model={model} />
      </Section>
      <Section id="documents" title={t('secretariat.documents.title')}>
        <Documents ctx={ctx} model={model} />
      </Section>
      <Section id="related" title={t('secretariat.related.title')}>
        <Related ctx={ctx} model={model} />
      </Section>
      <Section id="consultations" title={t('secretariat.consultations.title')}>
        <Consultations ctx={ctx} model={model} />
      </Section>
      <Section id="accredited" title={t('secretariat.accredited.title')}>
        <Accredited ctx={ctx} model={model} />
      </Section>
      <AccreditationRequestSection
        ctx={ctx}
        processSlug={process.slug}
        requestable={model.requestable}
        state={forms.accreditation}
      />
      {model.manage && (
        <ManageProcessSection
          ctx={ctx}
          processSlug={process.slug}
          otherProcesses={model.otherProcesses}
          forms={forms}
        />
      )}
      {model.secretariatMembers && (
        <AdminSecretariatSection
          ctx={ctx}
          processSlug={process.slug}
          members={model.secretariatMembers}
          state={forms.secretariat}
        />
      )}
    </Layout>
  );
}
