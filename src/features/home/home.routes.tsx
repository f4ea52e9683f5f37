// The home page: what Polylogue is for, and what is open now.
import type { FastifyPluginAsync } from 'fastify';
import { Layout } from '../../http/layout.tsx';
import { sendPage } from '../../http/render.ts';
import { viewContext } from '../../http/view-context.ts';
import { formatDate } from '../../i18n/i18n.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { ProcessesService } from '../processes/index.ts';

export const homeRoutes: FastifyPluginAsync<{
  consultations: ConsultationsService;
  processes: ProcessesService;
}> = async (app, { consultations, processes }) => {
  app.get('/', async (request, reply) => {
    const ctx = viewContext(request, reply);
    const { t } = ctx;
    const open = (await consultations.listPublished({}))
      .filter((c) => consultations.phase(c) === 'open')
      .slice(0, 10);
    const recentProcesses = (await processes.list()).slice(0, 6);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('home.title')}>
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <section aria-labelledby="open-title">
          <h2 id="open-title">{t('home.open.title')}</h2>
          {open.length === 0 ? (
            <p>{t('home.open.none')}</p>
          ) : (
            <ul>
              {open.map((c) => (
                <li>
                  <a href={`/consultations/${c.slug}`}>{c.title}</a> —{' '}
                  {t('home.open.closes', { date: formatDate(ctx.locale, c.closesAt) })}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/consultations">{t('home.all')}</a>
          </p>
        </section>
        {recentProcesses.length > 0 && (
          <section aria-labelledby="processes-title">
            <h2 id="processes-title">{t('home.processes.title')}</h2>
            <ul>
              {recentProcesses.map((p) => (
                <li>
                  <a href={`/processes/${p.slug}`}>{p.title}</a> — {p.convener}
                </li>
              ))}
            </ul>
          </section>
        )}
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
