// Organisation pages: my organisations, create, the organisation page, an invitation.
import { Form, SelectField, TextAreaField, TextField, type FormState } from '../../ui/forms.tsx';
import { orgRoleLabel, stakeholderLabel } from '../../http/labels.ts';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { countryName, countryOptions } from '../../shared/geography.ts';
import { STAKEHOLDER_GROUPS } from '../../shared/stakeholders.ts';
import type { OrganisationsService } from './organisations.service.ts';
import { ORG_ROLES } from './organisations.policy.ts';
import { PostButton } from '../../ui/buttons.tsx';
import { isAllowedWebAddress } from '../../shared/link-policy.ts';

type OrganisationView = Awaited<ReturnType<OrganisationsService['viewOrganisation']>>;
type MyOrganisations = Awaited<ReturnType<OrganisationsService['myOrganisations']>>;
type InvitationView = Awaited<ReturnType<OrganisationsService['viewInvitation']>>;

export function MyOrganisationsPage({
  ctx,
  organisations,
}: {
  ctx: ViewContext;
  organisations: MyOrganisations;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('org.mine.title')}>
      <h1>{t('org.mine.title')}</h1>
      {organisations.length === 0 ? (
        <p>{t('org.mine.none')}</p>
      ) : (
        <ul>
          {organisations.map((o) => (
            <li>
              <a href={`/organisations/${o.slug}`}>{o.name}</a> — {orgRoleLabel(t, o.role)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button" href="/organisations/new">
          {t('org.new.title')}
        </a>
      </p>
    </Layout>
  );
}

export function NewOrganisationPage({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  const { t } = ctx;
  const labels = {
    name: t('org.name'),
    stakeholderGroup: t('profile.stakeholderGroup'),
    country: t('profile.country'),
    website: t('org.website'),
    description: t('org.description'),
  };
  return (
    <Layout ctx={ctx} title={t('org.new.title')} hasErrors={Object.keys(state.errors).length > 0}>
      <h1>{t('org.new.title')}</h1>
      <Form
        ctx={ctx}
        action="/organisations/new"
        state={state}
        submit={t('org.new.submit')}
        fieldLabels={labels}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="name"
          label={labels.name}
          maxLength={120}
          autocomplete="organization"
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="stakeholderGroup"
          label={labels.stakeholderGroup}
          emptyLabel={t('org.choose')}
          options={STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: stakeholderLabel(t, g) }))}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="country"
          label={labels.country}
          emptyLabel={t('profile.notSaid')}
          options={countryOptions(ctx.locale).map((c) => ({ value: c.code, label: c.name }))}
        />
        <TextField
          ctx={ctx}
          state={state}
          name="website"
          type="url"
          label={labels.website}
          dir="ltr"
          autocomplete="url"
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="description"
          label={labels.description}
          maxLength={2000}
        />
      </Form>
    </Layout>
  );
}

export function OrganisationPage({
  ctx,
  view,
  inviteState,
}: {
  ctx: ViewContext;
  view: OrganisationView;
  inviteState: FormState;
}) {
  const { t } = ctx;
  const { org } = view;
  return (
    <Layout ctx={ctx} title={org.name} hasErrors={Object.keys(inviteState.errors).length > 0}>
      <h1>{org.name}</h1>
      <dl class="facts">
        <dt>{t('profile.stakeholderGroup')}</dt>
        <dd>{stakeholderLabel(t, org.stakeholderGroup)}</dd>
        {org.country && (
          <>
            <dt>{t('profile.country')}</dt>
            <dd>{countryName(ctx.locale, org.country)}</dd>
          </>
        )}
        {org.website && (
          <>
            <dt>{t('org.website')}</dt>
            <dd dir="ltr">
              {/* Stored before the link policy applied here: an address it refuses stays text. */}
              {isAllowedWebAddress(org.website) ? (
                <a href={org.website} rel="nofollow noopener">
                  {org.website}
                </a>
              ) : (
                org.website
              )}
            </dd>
          </>
        )}
      </dl>
      {org.description && <p>{org.description}</p>}
      {view.myRole && (
        <p>
          <a href={`/organisations/${org.slug}/activity`}>{t('org.activity.link')}</a>
        </p>
      )}
      {view.members && (
        <section aria-labelledby="members-title">
          <h2 id="members-title">{t('org.members')}</h2>
          <table>
            <caption class="visually-hidden">{t('org.members')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.displayName')}</th>
                <th scope="col">{t('org.role')}</th>
                {view.canManage && <th scope="col">{t('org.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {view.members.map((m) => (
                <tr>
                  <td>{m.displayName}</td>
                  <td>{orgRoleLabel(t, m.role)}</td>
                  {view.canManage && (
                    <td>
                      <PostButton
                        ctx={ctx}
                        action={`/organisations/${org.slug}/members/${m.userId}/remove`}
                        label={t('org.remove')}
                        ariaLabel={t('org.removeMember', { name: m.displayName })}
                        secondary
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {view.canManage && (
        <section aria-labelledby="invite-title">
          <h2 id="invite-title">{t('org.invite.title')}</h2>
          {view.invitations && view.invitations.length > 0 && (
            <ul>
              {view.invitations.map((i) => (
                <li dir="auto">
                  {t('org.invite.pending', { email: i.email, role: orgRoleLabel(t, i.role) })}
                </li>
              ))}
            </ul>
          )}
          <Form
            ctx={ctx}
            action={`/organisations/${org.slug}/invitations`}
            state={inviteState}
            submit={t('org.invite.submit')}
            fieldLabels={{ email: t('account.email'), role: t('org.role') }}
          >
            <TextField
              ctx={ctx}
              state={inviteState}
              name="email"
              type="email"
              label={t('account.email')}
            />
            <SelectField
              ctx={ctx}
              state={inviteState}
              name="role"
              label={t('org.role')}
              options={ORG_ROLES.map((r) => ({ value: r, label: orgRoleLabel(t, r) }))}
            />
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function InvitationPage({
  ctx,
  invitation,
  token,
}: {
  ctx: ViewContext;
  invitation: InvitationView;
  token: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('org.invitation.title')}>
      <h1>{t('org.invitation.title')}</h1>
      <p>
        {t('org.invitation.intro', {
          organisation: invitation.name,
          role: orgRoleLabel(t, invitation.role),
        })}
      </p>
      {ctx.user ? (
        <form method="post" action={`/invitations/${token}`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit">{t('org.invitation.accept')}</button>
        </form>
      ) : (
        <p>
          <a href={`/account/sign-in?next=${encodeURIComponent(`/invitations/${token}`)}`}>
            {t('org.invitation.signInFirst')}
          </a>
        </p>
      )}
    </Layout>
  );
}
