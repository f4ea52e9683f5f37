// The API tokens page: create a token (shown once), list and revoke yours.
import { Form, TextField, type FormState } from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { formatDate } from '../../i18n/i18n.ts';
import type { ApiTokenRecord } from './api-tokens.store.ts';
import { PostButton } from '../../ui/buttons.tsx';

export interface TokensPageProps {
  ctx: ViewContext;
  tokens: ApiTokenRecord[];
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

function TokenRow({ ctx, token }: { ctx: ViewContext; token: ApiTokenRecord }) {
  const { t, locale } = ctx;
  return (
    <tr>
      <td>{token.name}</td>
      <td>{formatDate(locale, token.createdAt)}</td>
      <td>
        {token.lastUsedAt ? formatDate(locale, token.lastUsedAt, true) : t('api.tokens.never')}
      </td>
      <td>
        {token.revokedAt
          ? t('api.tokens.revokedOn', { date: formatDate(locale, token.revokedAt) })
          : t('api.tokens.active')}
      </td>
      <td>
        {!token.revokedAt && (
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

function TokenTable({ ctx, tokens }: { ctx: ViewContext; tokens: ApiTokenRecord[] }) {
  const { t } = ctx;
  if (tokens.length === 0) return <p>{t('api.tokens.none')}</p>;
  return (
    <table>
      <caption>{t('api.tokens.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('api.tokens.name')}</th>
          <th scope="col">{t('api.tokens.createdOn')}</th>
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
        fieldLabels={{ name: t('api.tokens.name') }}
      >
        <TextField
          ctx={ctx}
          state={state}
          name="name"
          label={t('api.tokens.name')}
          hint={t('api.tokens.nameHint')}
          maxLength={80}
        />
      </Form>
    </Layout>
  );
}
