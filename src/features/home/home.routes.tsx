// The home page.
import type { FastifyPluginAsync } from 'fastify';
import { Layout } from '../../http/layout.tsx';
import { sendPage } from '../../http/render.ts';
import { viewContext } from '../../http/view-context.ts';

export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (request, reply) => {
    const ctx = viewContext(request, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('home.title')}>
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <ul class="cards">
          <li>
            <h2>{t('home.submit.title')}</h2>
            <p>{t('home.submit.body')}</p>
          </li>
          <li>
            <h2>{t('home.consensus.title')}</h2>
            <p>{t('home.consensus.body')}</p>
          </li>
          <li>
            <h2>{t('home.feedback.title')}</h2>
            <p>{t('home.feedback.body')}</p>
          </li>
        </ul>
        {!ctx.user && (
          <p>
            <a class="button" href="/account/register">
              {t('nav.register')}
            </a>
          </p>
        )}
      </Layout>,
    );
  });
};
