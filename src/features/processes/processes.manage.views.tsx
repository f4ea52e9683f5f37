// The parts of a process page only its secretariat (milestones, documents, related processes) or
// an instance administrator (who is secretariat) sees. Field names carry a prefix so the forms
// sharing the page never share an element id.
import {
  Form,
  InputField,
  SelectField,
  TextAreaField,
  TextField,
  emptyForm,
  type FormState,
} from '../../ui/forms.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { LOCALES, LOCALE_NAMES } from '../../i18n/locales.ts';
import { LINK_KINDS, MILESTONE_KINDS } from './processes.service.ts';
import { linkLabel, milestoneLabel } from './processes.labels.ts';

export interface ManageForms {
  milestone?: FormState;
  document?: FormState;
  link?: FormState;
}

export interface SecretariatMember {
  displayName: string;
  email: string;
}

function MilestoneForm({ ctx, slug, state }: { ctx: ViewContext; slug: string; state: FormState }) {
  const { t } = ctx;
  const labels = {
    milestoneKind: t('secretariat.milestone.kind'),
    milestoneDate: t('secretariat.milestone.date'),
    milestoneTitle: t('secretariat.milestone.titleField'),
    milestoneDescription: t('secretariat.milestone.description'),
  };
  return (
    <Form
      ctx={ctx}
      action={`/processes/${slug}/milestones`}
      state={state}
      submit={t('secretariat.milestone.add')}
      fieldLabels={labels}
    >
      <SelectField
        ctx={ctx}
        state={state}
        name="milestoneKind"
        label={labels.milestoneKind}
        options={MILESTONE_KINDS.map((k) => ({ value: k, label: milestoneLabel(t, k) }))}
      />
      <InputField
        ctx={ctx}
        state={state}
        name="milestoneDate"
        type="date"
        label={labels.milestoneDate}
        dir="ltr"
      />
      <TextField
        ctx={ctx}
        state={state}
        name="milestoneTitle"
        label={labels.milestoneTitle}
        maxLength={200}
      />
      <TextAreaField
        ctx={ctx}
        state={state}
        name="milestoneDescription"
        label={labels.milestoneDescription}
        rows={3}
        maxLength={2000}
      />
    </Form>
  );
}

function DocumentForm({ ctx, slug, state }: { ctx: ViewContext; slug: string; state: FormState }) {
  const { t } = ctx;
  const labels = {
    documentTitle: t('secretariat.document.titleField'),
    documentUrl: t('secretariat.document.url'),
    documentLanguage: t('secretariat.document.language'),
  };
  return (
    <Form
      ctx={ctx}
      action={`/processes/${slug}/documents`}
      state={state}
      submit={t('secretariat.document.add')}
      fieldLabels={labels}
    >
      <TextField
        ctx={ctx}
        state={state}
        name="documentTitle"
        label={labels.documentTitle}
        maxLength={200}
      />
      <TextField
        ctx={ctx}
        state={state}
        name="documentUrl"
        type="url"
        label={labels.documentUrl}
        dir="ltr"
      />
      <SelectField
        ctx={ctx}
        state={state}
        name="documentLanguage"
        label={labels.documentLanguage}
        emptyLabel={t('secretariat.document.languageUnsaid')}
        options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
      />
    </Form>
  );
}

function LinkForm({
  ctx,
  slug,
  state,
  otherProcesses,
}: {
  ctx: ViewContext;
  slug: string;
  state: FormState;
  otherProcesses: Array<{ slug: string; title: string }>;
}) {
  const { t } = ctx;
  if (otherProcesses.length === 0) return <p>{t('secretariat.link.noOthers')}</p>;
  const labels = {
    linkKind: t('secretariat.link.kind'),
    linkOtherSlug: t('secretariat.link.other'),
  };
  return (
    <Form
      ctx={ctx}
      action={`/processes/${slug}/links`}
      state={state}
      submit={t('secretariat.link.add')}
      fieldLabels={labels}
    >
      <SelectField
        ctx={ctx}
        state={state}
        name="linkKind"
        label={labels.linkKind}
        options={LINK_KINDS.map((k) => ({
          value: k,
          label: linkLabel(t, { kind: k, direction: 'outgoing' }),
        }))}
      />
      <SelectField
        ctx={ctx}
        state={state}
        name="linkOtherSlug"
        label={labels.linkOtherSlug}
        emptyLabel={t('org.choose')}
        options={otherProcesses.map((p) => ({ value: p.slug, label: p.title }))}
      />
    </Form>
  );
}

export function ManageProcessSection(props: {
  ctx: ViewContext;
  processSlug: string;
  otherProcesses: Array<{ slug: string; title: string }>;
  forms: ManageForms;
}) {
  const { ctx, processSlug: slug, forms } = props;
  const { t } = ctx;
  return (
    <section aria-labelledby="manage-title">
      <h2 id="manage-title">{t('secretariat.manage.title')}</h2>
      <h3>{t('secretariat.milestone.add')}</h3>
      <MilestoneForm ctx={ctx} slug={slug} state={forms.milestone ?? emptyForm} />
      <h3>{t('secretariat.document.add')}</h3>
      <DocumentForm ctx={ctx} slug={slug} state={forms.document ?? emptyForm} />
      <h3>{t('secretariat.link.add')}</h3>
      <LinkForm
        ctx={ctx}
        slug={slug}
        state={forms.link ?? emptyForm}
        otherProcesses={props.otherProcesses}
      />
    </section>
  );
}

/** Instance administrators name the secretariat of a process here, by e-mail address. */
export function AdminSecretariatSection(props: {
  ctx: ViewContext;
  processSlug: string;
  members: SecretariatMember[];
  state: FormState | undefined;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const state = props.state ?? emptyForm;
  return (
    <section aria-labelledby="secretariat-members-title">
      <h2 id="secretariat-members-title">{t('secretariat.members.title')}</h2>
      {props.members.length === 0 ? (
        <p>{t('secretariat.members.none')}</p>
      ) : (
        <ul class="links">
          {props.members.map((m) => (
            <li>
              {m.displayName} (<span dir="ltr">{m.email}</span>)
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/roles">{t('secretariat.members.manageRoles')}</a>
      </p>
      <Form
        ctx={ctx}
        action={`/processes/${props.processSlug}/secretariat`}
        state={state}
        submit={t('secretariat.members.grant')}
        fieldLabels={{ email: t('account.email') }}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          type="email"
          label={t('account.email')}
          hint={t('secretariat.members.grantHint')}
          autocomplete="off"
        />
      </Form>
    </section>
  );
}
