// The page frame: skip link, header with navigation and language switcher, main, footer.
import type { ComponentChildren } from 'preact';
import { LOCALES, LOCALE_NAMES, direction } from '../i18n/locales.ts';
import type { ViewContext } from './view-context.ts';
import { assetPath } from './assets.ts';

function languageHref(path: string, locale: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', locale);
  return url.pathname + url.search;
}

function Header({ ctx }: { ctx: ViewContext }) {
  const { t, user } = ctx;
  return (
    <header class="site-header">
      <a class="brand" href="/">
        Polylogue
      </a>
      <nav aria-label={t('nav.label')}>
        <ul>
          <li>
            <a href="/">{t('nav.home')}</a>
          </li>
          <li>
            <a href="/consultations">{t('nav.consultations')}</a>
          </li>
          <li>
            <a href="/processes">{t('nav.processes')}</a>
          </li>
          {user ? (
            <>
              <li>
                <a href="/my/submissions">{t('nav.mySubmissions')}</a>
              </li>
              <li>
                <a href="/organisations">{t('nav.organisations')}</a>
              </li>
              <li>
                <a href="/account/profile">{t('nav.profile')}</a>
              </li>
              {ctx.isAdmin && (
                <li>
                  <a href="/admin">{t('nav.admin')}</a>
                </li>
              )}
              <li>
                <form method="post" action="/account/sign-out" class="inline">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="link-button">
                    {t('nav.signOut')}
                  </button>
                </form>
              </li>
            </>
          ) : (
            <>
              <li>
                <a href="/account/sign-in">{t('nav.signIn')}</a>
              </li>
              <li>
                <a href="/account/register">{t('nav.register')}</a>
              </li>
            </>
          )}
        </ul>
      </nav>
      <nav aria-label={t('nav.languages')} class="languages">
        <ul>
          {LOCALES.map((locale) => (
            <li>
              <a
                href={languageHref(ctx.path, locale)}
                lang={locale}
                hreflang={locale}
                dir={direction(locale)}
                aria-current={locale === ctx.locale ? 'true' : undefined}
              >
                {LOCALE_NAMES[locale]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

export function Layout(props: {
  ctx: ViewContext;
  title: string;
  children: ComponentChildren;
  hasErrors?: boolean;
}) {
  const { ctx, title } = props;
  const fullTitle = `${props.hasErrors ? ctx.t('errors.titlePrefix') + ' ' : ''}${title} — Polylogue`;
  return (
    <html lang={ctx.locale} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href={assetPath('app.css')} />
        <script src={assetPath('app.js')} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {ctx.t('nav.skip')}
        </a>
        <Header ctx={ctx} />
        <main id="main" tabindex={-1}>
          {ctx.flash && (
            <p class="flash" role="status">
              {ctx.flash}
            </p>
          )}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{ctx.t('footer.tagline')}</p>
        </footer>
      </body>
    </html>
  );
}
