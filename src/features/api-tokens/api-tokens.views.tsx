// The API tokens page: create a token (shown once), list and revoke yours.
import { Form, SelectField, TextField, type FormState } from '../../ui/forms.tsx';
import { PostButton } from '../../ui/buttons.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { formatDate } from '../../i18n/i18n.ts';
import { TOKEN_LIFETIME_DAYS, type ListedToken } from './api-tokens.service.ts';

export interface TokensPageProps {
  ctx: ViewContext;
  tokens: ListedToken[];
  state: FormState;
  /** Present right after creation, the only time the clear-text token is ever rendered. */
  created?: { name: string; token: string } | undefined;
}

function CreatedToken({
  ctx,
  created,
}: {
  ctx: ViewContext;
  created: { name: string; token: string };
}) {
  const { t } = ctx;
  return (
    <section class="flash" aria-labelledby="created-token-title">
      <h2 id="created-token-title">{t('api.tokens.createdTitle', { name: created.name })}</h2>
      <p>{t('api.tokens.createdOnce')}</p>
      <div class="field">
        <label for="created-token">{t('api.tokens.value')}</label>
        <input
          id="created-token"
          type="text"
          readonly
          value={created.token}
          dir="ltr"
          autocomplete="off"
          spellcheck={false}
        />
      </div>
    </section>
  );
}

function tokenStatus(ctx: ViewContext, token: ListedToken): string {
  const { t, locale } = ctx;
  if (token.revokedAt)
    return t('api.tokens.revokedOn', { date: formatDate(locale, token.revokedAt) });
  if (token.expired)
    return t('trust.tokens.expiredOn', { date: formatDate(locale, token.expiresAt) });
  return t('api.tokens.active');
}

function TokenRow({ ctx, token }: { ctx: ViewContext; token: ListedToken }) {
  const { t, locale } = ctx;
  return (
    <tr>
      <td>{token.name}</td>
      <td>{t(token.scope === 'write' ? 'trust.tokens.scopeWrite' : 'trust.tokens.scopeRead')}</td>
      <td>{formatDate(locale, token.createdAt)}</td>
      <td>{formatDate(locale, token.expiresAt)}</td>
      <td>
        {token.lastUsedAt ? formatDate(locale, token.lastUsedAt, true) : t('api.tokens.never')}
      </td>
      <td>{tokenStatus(ctx, token)}</td>
      <td>
        {!token.revokedAt && !token.expired && (
          <PostButton
            ctx={ctx}
            action={`/account/tokens/${token.id}/revoke`}
            label={t('api.tokens.revoke')}
            ariaLabel={t('api.tokens.revokeNamed', { name: token.name })}
            secondary
          />
        )}
      </td>
    </tr>
  );
}

function TokenTable({ ctx, tokens }: { ctx: ViewContext; tokens: ListedToken[] }) {
  const { t } = ctx;
  if (tokens.length === 0) return <p>{t('api.tokens.none')}</p>;
  return (
    <table>
      <caption>{t('api.tokens.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('api.tokens.name')}</th>
          <th scope="col">{t('trust.tokens.scope')}</th>
          <th scope="col">{t('api.tokens.createdOn')}</th>
          <th scope="col">{t('trust.tokens.expires')}</th>
          <th scope="col">{t('api.tokens.lastUsed')}</th>
          <th scope="col">{t('api.tokens.status')}</th>
          <th scope="col">{t('org.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <TokenRow ctx={ctx} token={token} />
        ))}
      </tbody>
    </table>
  );
}

export function TokensPage({ ctx, tokens, state, created }: TokensPageProps) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('api.tokens.title')}
      hasErrors={Object.keys(state.errors).length > 0}
    >
      <h1>{t('api.tokens.title')}</h1>
      <p>{t('api.tokens.intro')}</p>
      <p>
        {t('api.tokens.usage')} <code dir="ltr">Authorization: Bearer plg_…</code>
      </p>
      <p>
        <a href="/api/v1/openapi.json">{t('api.tokens.docs')}</a>
      </p>
      {created && <CreatedToken ctx={ctx} created={created} />}
      <h2>{t('api.tokens.listTitle')}</h2>
      <TokenTable ctx={ctx} tokens={tokens} />
      <h2>{t('api.tokens.createTitle')}</h2>
      <Form
        ctx={ctx}
        action="/account/tokens"
        state={state}
        submit={t('api.tokens.create')}
        fieldLabels={{
          name: t('api.tokens.name'),
          scope: t('trust.tokens.scope'),
          expiresInDays: t('trust.tokens.expiresIn'),
          password: t('trust.tokens.password'),
        }}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="name"
          label={t('api.tokens.name')}
          hint={t('api.tokens.nameHint')}
          maxLength={80}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="scope"
          label={t('trust.tokens.scope')}
          options={[
            { value: 'read', label: t('trust.tokens.scopeRead') },
            { value: 'write', label: t('trust.tokens.scopeWrite') },
          ]}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="expiresInDays"
          label={t('trust.tokens.expiresIn')}
          options={TOKEN_LIFETIME_DAYS.map((days) => ({
            value: String(days),
            label: t('trust.tokens.days', { days }),
          }))}
        />
        <TextField
          ctx={ctx}
          state={state}
          name="password"
          type="password"
          label={t('trust.tokens.password')}
          hint={t('trust.tokens.passwordHint')}
          autocomplete="current-password"
        />
      </Form>
    </Layout>
  );
}
