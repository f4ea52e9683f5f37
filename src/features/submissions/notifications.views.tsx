// The notification preferences page: deadline reminders are on unless the person opts out.
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';

export function NotificationsPage({ ctx, optedOut }: { ctx: ViewContext; optedOut: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('notifications.title')}>
      <h1>{t('notifications.title')}</h1>
      <p>{t('notifications.intro')}</p>
      <form method="post" action="/my/notifications">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <input
            type="checkbox"
            id="field-remindersOptOut"
            name="remindersOptOut"
            value="yes"
            checked={optedOut}
            aria-describedby="hint-remindersOptOut"
          />{' '}
          <label for="field-remindersOptOut">{t('notifications.optOut')}</label>
          <p class="hint" id="hint-remindersOptOut">
            {t('notifications.optOutHint')}
          </p>
        </div>
        <button type="submit">{t('notifications.save')}</button>
      </form>
    </Layout>
  );
}
