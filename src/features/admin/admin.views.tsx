// Administration pages: overview, role grants, the development mail outbox, first-admin setup.
import { Form, SelectField, TextField, type FormState } from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { ROLES } from '../../shared/actor.ts';
import type { AdminService } from './admin.service.ts';
import { PostButton } from '../../ui/buttons.tsx';

type Grants = Awaited<ReturnType<AdminService['listGrants']>>;
type Outbox = Awaited<ReturnType<AdminService['listOutbox']>>;

const ROLE_KEYS = {
  instance_admin: 'role.instanceAdmin',
  secretariat: 'role.secretariat',
  facilitator: 'role.facilitator',
  expert: 'role.expert',
  safety_officer: 'role.safetyOfficer',
} as const;
const SCOPE_KEYS = {
  instance: 'scope.instance',
  process: 'scope.process',
  consultation: 'scope.consultation',
  event: 'scope.event',
} as const;

function roleLabel(t: Translate, role: string): string {
  return t(ROLE_KEYS[role as keyof typeof ROLE_KEYS] ?? 'role.instanceAdmin');
}

export function AdminHomePage({
  ctx,
  mailerKind,
}: {
  ctx: ViewContext;
  mailerKind: 'smtp' | 'outbox';
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.title')}>
      <h1>{t('admin.title')}</h1>
      <ul>
        <li>
          <a href="/admin/roles">{t('admin.roles.title')}</a>
        </li>
        <li>
          <a href="/admin/outbox">{t('admin.outbox.title')}</a> —{' '}
          {t(mailerKind === 'smtp' ? 'admin.mail.smtp' : 'admin.mail.outbox')}
        </li>
      </ul>
    </Layout>
  );
}

export function RolesPage({
  ctx,
  grants,
  state,
}: {
  ctx: ViewContext;
  grants: Grants;
  state: FormState;
}) {
  const { t } = ctx;
  const labels = {
    email: t('account.email'),
    role: t('admin.roles.role'),
    scopeType: t('admin.roles.scopeType'),
    scopeId: t('admin.roles.scopeId'),
  };
  return (
    <Layout
      ctx={ctx}
      title={t('admin.roles.title')}
      hasErrors={Object.keys(state.errors).length > 0}
    >
      <h1>{t('admin.roles.title')}</h1>
      <table>
        <caption>{t('admin.roles.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('account.displayName')}</th>
            <th scope="col">{labels.role}</th>
            <th scope="col">{labels.scopeType}</th>
            <th scope="col">{t('org.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr>
              <td>
                {g.displayName} <span dir="ltr">&lt;{g.email}&gt;</span>
              </td>
              <td>{roleLabel(t, g.role)}</td>
              <td>
                {t(SCOPE_KEYS[g.scopeType])}
                {g.scopeId && ` ${g.scopeId}`}
              </td>
              <td>
                <PostButton
                  ctx={ctx}
                  action="/admin/roles/revoke"
                  fields={{
                    userId: g.userId,
                    role: g.role,
                    scopeType: g.scopeType,
                    scopeId: g.scopeId,
                  }}
                  label={t('admin.roles.revoke')}
                  ariaLabel={t('admin.roles.revokeNamed', {
                    name: g.displayName,
                    role: roleLabel(t, g.role),
                  })}
                  secondary
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('admin.roles.grantTitle')}</h2>
      <Form
        ctx={ctx}
        action="/admin/roles"
        state={state}
        submit={t('admin.roles.grant')}
        fieldLabels={labels}
      >
        <TextField ctx={ctx} state={state} name="email" type="email" label={labels.email} />
        <SelectField
          ctx={ctx}
          state={state}
          name="role"
          label={labels.role}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="scopeType"
          label={labels.scopeType}
          options={(Object.keys(SCOPE_KEYS) as Array<keyof typeof SCOPE_KEYS>).map((s) => ({
            value: s,
            label: t(SCOPE_KEYS[s]),
          }))}
        />
        <TextField
          ctx={ctx}
          state={state}
          name="scopeId"
          label={labels.scopeId}
          hint={t('admin.roles.scopeIdHint')}
          dir="ltr"
        />
      </Form>
    </Layout>
  );
}

export function OutboxPage({
  ctx,
  mails,
  mailerKind,
}: {
  ctx: ViewContext;
  mails: Outbox;
  mailerKind: 'smtp' | 'outbox';
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.outbox.title')}>
      <h1>{t('admin.outbox.title')}</h1>
      <p>{t(mailerKind === 'smtp' ? 'admin.mail.smtp' : 'admin.outbox.intro')}</p>
      {mails.length === 0 && <p>{t('admin.outbox.empty')}</p>}
      {mails.map((m) => (
        <article class="mail" aria-label={m.subject}>
          <h2 dir="auto">{m.subject}</h2>
          <p>
            {t('admin.outbox.to')} <span dir="ltr">{m.to_address}</span> ·{' '}
            <time dateTime={m.created_at}>{m.created_at.replace('T', ' ').slice(0, 16)}</time>
          </p>
          <pre dir="auto">{m.body_text}</pre>
        </article>
      ))}
    </Layout>
  );
}

export function SetupPage({
  ctx,
  state,
  token,
}: {
  ctx: ViewContext;
  state: FormState;
  token: string;
}) {
  const { t } = ctx;
  const labels = {
    displayName: t('account.displayName'),
    email: t('account.email'),
    password: t('account.password'),
  };
  return (
    <Layout ctx={ctx} title={t('setup.title')} hasErrors={Object.keys(state.errors).length > 0}>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <Form
        ctx={ctx}
        action={`/setup/${token}`}
        state={state}
        submit={t('setup.submit')}
        fieldLabels={labels}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="displayName"
          label={labels.displayName}
          maxLength={80}
        />
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          type="email"
          label={labels.email}
          autocomplete="email"
        />
        <TextField
          ctx={ctx}
          state={state}
          name="password"
          type="password"
          label={labels.password}
          hint={t('account.passwordHint')}
          autocomplete="new-password"
        />
      </Form>
    </Layout>
  );
}
