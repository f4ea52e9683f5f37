// Account pages: register, confirm, sign in, forgotten password, reset, profile.
import { Form, SelectField, TextField, type FormState } from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { LOCALES, LOCALE_NAMES } from '../../i18n/locales.ts';
import { countryInfo, countryOptions } from '../../shared/geography.ts';
import { AGE_BANDS, DISABILITY_ANSWERS, STAKEHOLDER_GROUPS } from '../../shared/stakeholders.ts';
import { stakeholderLabel, regionLabel } from '../../http/labels.ts';

export function RegisterPage({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  const { t } = ctx;
  const labels = {
    displayName: t('account.displayName'),
    email: t('account.email'),
    password: t('account.password'),
  };
  return (
    <Layout
      ctx={ctx}
      title={t('account.register.title')}
      hasErrors={Object.keys(state.errors).length > 0}
    >
      <h1>{t('account.register.title')}</h1>
      <p>{t('account.register.intro')}</p>
      <Form
        ctx={ctx}
        action="/account/register"
        state={state}
        submit={t('account.register.submit')}
        fieldLabels={labels}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="displayName"
          label={labels.displayName}
          hint={t('account.displayNameHint')}
          autocomplete="nickname"
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
      <p>
        <a href="/account/sign-in">{t('account.register.haveAccount')}</a>
      </p>
    </Layout>
  );
}

export function MessagePage({
  ctx,
  title,
  body,
  link,
}: {
  ctx: ViewContext;
  title: MessageKey;
  body: MessageKey;
  link?: { href: string; label: MessageKey };
}) {
  return (
    <Layout ctx={ctx} title={ctx.t(title)}>
      <h1>{ctx.t(title)}</h1>
      <p>{ctx.t(body)}</p>
      {link && (
        <p>
          <a href={link.href}>{ctx.t(link.label)}</a>
        </p>
      )}
    </Layout>
  );
}

export function ConfirmPage({ ctx, token }: { ctx: ViewContext; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.confirm.title')}>
      <h1>{t('account.confirm.title')}</h1>
      <p>{t('account.confirm.intro')}</p>
      <Form
        ctx={ctx}
        action={`/account/confirm/${token}`}
        state={{ values: {}, errors: {} }}
        submit={t('account.confirm.submit')}
        fieldLabels={{}}
      >
        {null}
      </Form>
    </Layout>
  );
}

export function SignInPage({
  ctx,
  state,
  next,
}: {
  ctx: ViewContext;
  state: FormState;
  next: string;
}) {
  const { t } = ctx;
  const labels = { email: t('account.email'), password: t('account.password') };
  return (
    <Layout
      ctx={ctx}
      title={t('account.signIn.title')}
      hasErrors={Object.keys(state.errors).length > 0}
    >
      <h1>{t('account.signIn.title')}</h1>
      <Form
        ctx={ctx}
        action={`/account/sign-in?next=${encodeURIComponent(next)}`}
        state={state}
        submit={t('account.signIn.submit')}
        fieldLabels={labels}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          type="email"
          label={labels.email}
          autocomplete="username"
        />
        <TextField
          ctx={ctx}
          state={state}
          name="password"
          type="password"
          label={labels.password}
          autocomplete="current-password"
        />
      </Form>
      {state.errors.email === 'trust.signInPaused' && (
        <p>
          <a href="/account/forgot">{t('trust.signInPausedLink')}</a>
        </p>
      )}
      <ul class="links">
        <li>
          <a href="/account/forgot">{t('account.signIn.forgot')}</a>
        </li>
        <li>
          <a href="/account/register">{t('account.signIn.noAccount')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function ForgotPage({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('account.forgot.title')}
      hasErrors={Object.keys(state.errors).length > 0}
    >
      <h1>{t('account.forgot.title')}</h1>
      <p>{t('account.forgot.intro')}</p>
      <Form
        ctx={ctx}
        action="/account/forgot"
        state={state}
        submit={t('account.forgot.submit')}
        fieldLabels={{ email: t('account.email') }}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          type="email"
          label={t('account.email')}
          autocomplete="email"
        />
      </Form>
    </Layout>
  );
}

export function ResetPage({
  ctx,
  state,
  token,
}: {
  ctx: ViewContext;
  state: FormState;
  token: string;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('account.reset.title')}
      hasErrors={Object.keys(state.errors).length > 0}
    >
      <h1>{t('account.reset.title')}</h1>
      <Form
        ctx={ctx}
        action={`/account/reset/${token}`}
        state={state}
        submit={t('account.reset.submit')}
        fieldLabels={{ password: t('account.newPassword') }}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="password"
          type="password"
          label={t('account.newPassword')}
          hint={t('account.passwordHint')}
          autocomplete="new-password"
        />
      </Form>
    </Layout>
  );
}

export function ProfilePage({
  ctx,
  state,
  passwordState,
}: {
  ctx: ViewContext;
  state: FormState;
  passwordState: FormState;
}) {
  const { t, locale } = ctx;
  const labels = {
    displayName: t('account.displayName'),
    stakeholderGroup: t('profile.stakeholderGroup'),
    country: t('profile.country'),
    languages: t('profile.languages'),
    locale: t('profile.locale'),
    gender: t('profile.gender'),
    ageBand: t('profile.ageBand'),
    disability: t('profile.disability'),
  };
  const country = state.values.country;
  const info = country ? countryInfo(country) : null;
  const hasErrors = Object.keys(state.errors).length + Object.keys(passwordState.errors).length > 0;
  return (
    <Layout ctx={ctx} title={t('profile.title')} hasErrors={hasErrors}>
      <h1>{t('profile.title')}</h1>
      <p>{t('profile.email', { email: ctx.user?.email ?? '' })}</p>
      {info && (
        <p>
          {t('profile.regionLine', {
            region: regionLabel(t, info.region),
            hemisphere: t(
              info.hemisphere === 'global_south' ? 'profile.globalSouth' : 'profile.globalNorth',
            ),
          })}
        </p>
      )}
      <Form
        ctx={ctx}
        action="/account/profile"
        state={state}
        submit={t('profile.save')}
        fieldLabels={labels}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="displayName"
          label={labels.displayName}
          hint={t('account.displayNameHint')}
          maxLength={80}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="stakeholderGroup"
          label={labels.stakeholderGroup}
          emptyLabel={t('profile.notSaid')}
          options={STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: stakeholderLabel(t, g) }))}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="country"
          label={labels.country}
          emptyLabel={t('profile.notSaid')}
          autocomplete="country"
          options={countryOptions(locale).map((c) => ({ value: c.code, label: c.name }))}
        />
        <TextField
          ctx={ctx}
          state={state}
          name="languages"
          label={labels.languages}
          hint={t('profile.languagesHint')}
          dir="ltr"
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="locale"
          label={labels.locale}
          hint={t('profile.localeHint')}
          emptyLabel={t('profile.notSaid')}
          options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
        />
        <fieldset>
          <legend>{t('profile.privateTitle')}</legend>
          <p class="hint">{t('profile.privateHint')}</p>
          <TextField
            ctx={ctx}
            state={state}
            name="gender"
            label={labels.gender}
            hint={t('profile.genderHint')}
            maxLength={60}
          />
          <SelectField
            ctx={ctx}
            state={state}
            name="ageBand"
            label={labels.ageBand}
            emptyLabel={t('profile.notSaid')}
            options={AGE_BANDS.map((a) => ({ value: a, label: ageBandLabel(ctx, a) }))}
          />
          <SelectField
            ctx={ctx}
            state={state}
            name="disability"
            label={labels.disability}
            emptyLabel={t('profile.notSaid')}
            options={DISABILITY_ANSWERS.map((d) => ({ value: d, label: t(DISABILITY_KEYS[d]) }))}
          />
        </fieldset>
      </Form>

      <h2>{t('profile.passwordTitle')}</h2>
      <Form
        ctx={ctx}
        action="/account/password"
        state={passwordState}
        submit={t('profile.passwordSubmit')}
        fieldLabels={{
          currentPassword: t('account.currentPassword'),
          newPassword: t('account.newPassword'),
        }}
      >
        <TextField
          ctx={ctx}
          state={passwordState}
          name="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          autocomplete="current-password"
        />
        <TextField
          ctx={ctx}
          state={passwordState}
          name="newPassword"
          type="password"
          label={t('account.newPassword')}
          hint={t('account.passwordHint')}
          autocomplete="new-password"
        />
      </Form>

      <h2>{t('profile.sessionsTitle')}</h2>
      <p>{t('profile.sessionsIntro')}</p>
      <form method="post" action="/account/sign-out-everywhere">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <button type="submit">{t('profile.signOutEverywhere')}</button>
      </form>

      <h2>{t('api.tokens.profileTitle')}</h2>
      <p>{t('api.tokens.profileIntro')}</p>
      <p>
        <a href="/account/tokens">{t('api.tokens.manage')}</a>
      </p>
    </Layout>
  );
}

const DISABILITY_KEYS = {
  yes: 'profile.disability.yes',
  no: 'profile.disability.no',
  prefer_not: 'profile.disability.preferNot',
} as const;

function ageBandLabel(ctx: ViewContext, band: (typeof AGE_BANDS)[number]): string {
  if (band === 'under_18') return ctx.t('profile.age.under', { age: 18 });
  if (band === '65_plus') return ctx.t('profile.age.over', { age: 65 });
  const [from = 0, to = 0] = band.split('_').map(Number);
  return ctx.t('profile.age.range', { from, to });
}
