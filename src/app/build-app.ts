// Wires the application together explicitly: database, services, HTTP plugins, hooks and routes.
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { accountsRoutes } from '../features/accounts/index.ts';
import { accreditationRoutes } from '../features/accreditation/index.ts';
import { adminRoutes } from '../features/admin/index.ts';
import { apiTokensRoutes } from '../features/api-tokens/index.ts';
import { consultationsApi } from '../features/consultations/index.ts';
import { processesApi } from '../features/processes/index.ts';
import { submissionsApi } from '../features/submissions/index.ts';
import { transparencyApi } from '../features/transparency/index.ts';
import { registerApiAuth } from '../http/api-auth.ts';
import { cachedCookieSigner } from '../http/cookie-signer.ts';
import { registerSecurityHeaders } from '../http/security-headers.ts';
import { cursorCodec } from '../http/api-cursor.ts';
import { sharedRateLimitStore } from '../http/rate-limit-store.ts';
import { rateLimitCounters } from '../db/rate-limits.ts';
import { abuseLimiter, registerAbuseLimits } from '../http/abuse-limits.ts';
import { clientKey, trustProxyOption } from '../http/client-address.ts';
import { secretariatRoutes } from '../features/consultations/index.ts';
import { attachmentsRoutes } from '../features/attachments/index.ts';
import { consultationsRoutes } from '../features/consultations/index.ts';
import { deliberationRoutes } from '../features/deliberation/index.ts';
import { homeRoutes } from '../features/home/index.ts';
import { openDataRoutes } from '../features/open-data/index.ts';
import { operationsRoutes } from '../features/operations/index.ts';
import { organisationsRoutes } from '../features/organisations/index.ts';
import { processesRoutes } from '../features/processes/index.ts';
import { processPageRenderer } from '../features/processes/index.ts';
import { moderationRoutes } from '../features/submissions/index.ts';
import { searchRoutes } from '../features/search/index.ts';
import { mySubmissionsRoutes } from '../features/submissions/index.ts';
import { submissionsRoutes } from '../features/submissions/index.ts';
import { transparencyRoutes } from '../features/transparency/index.ts';
import { reportsRoutes } from '../features/reports/index.ts';
import { codingRoutes } from '../features/coding/index.ts';
import { responsesRoutes } from '../features/responses/index.ts';
import { registerAssets } from '../http/assets.ts';
import { registerCsrfCheck } from '../http/csrf.ts';
import { registerOriginCheck } from '../http/origin-check.ts';
import { registerErrorHandling } from '../http/errors.tsx';
import { registerInputHygiene } from '../http/input-hygiene.ts';
import { loggerOptions } from '../http/logging.ts';
import { API_PREFIX, registerOpenApi, useApiValidation } from '../http/openapi.ts';
import { registerSessionHook } from '../http/session-hook.ts';
import type { Services } from './services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: Array<{ method: string; url: string }>;
  }
}

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(
  services: Services,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const { config, database, accounts, organisations, admin, mailer } = services;

  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(config.trustProxy),
  });

  // Every route, as registered: the authorisation test walks this list so no route goes unchecked.
  const routeList: Array<{ method: string; url: string }> = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routeList.push({ method, url: route.url });
  });

  await app.register(cookie, { secret: cachedCookieSigner(config.secret) });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  registerSecurityHeaders(app, { https: config.secureCookies });
  await app.register(compress, { threshold: 512 });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      signed: true,
      secure: config.secureCookies,
    },
  });
  // Counted in the shared database, so every instance enforces one limit.
  const counters = rateLimitCounters(database, services.clock);
  await app.register(rateLimit, {
    global: false,
    keyGenerator: clientKey,
    store: sharedRateLimitStore(counters, config.secret),
  });

  registerErrorHandling(app);
  registerInputHygiene(app);
  registerSessionHook(app, {
    accounts,
    defaultLocale: config.defaultLocale,
    secureCookies: config.secureCookies,
  });
  registerApiAuth(app, { apiTokens: services.apiTokens });
  registerOriginCheck(app, { baseUrl: config.baseUrl });
  registerCsrfCheck(app);
  // After the CSRF check, so a forged request spends nobody's allowance.
  registerAbuseLimits(
    app,
    abuseLimiter(counters, config.limits.rules, config.secret, services.clock),
  );
  registerAssets(app);
  // Before the routes: @fastify/swagger documents the routes registered after it.
  await registerOpenApi(app);

  const authRateLimit = { max: config.authRateLimit, timeWindow: '1 minute' };
  await app.register(operationsRoutes, { database, metricsToken: config.metricsToken });
  await app.register(homeRoutes, {
    consultations: services.consultations,
    processes: services.processes,
  });
  await app.register(accountsRoutes, {
    accounts,
    secureCookies: config.secureCookies,
    authRateLimit,
  });
  await app.register(organisationsRoutes, { organisations });
  await app.register(adminRoutes, { admin, mailerKind: mailer.kind });
  const processPages = {
    processes: services.processes,
    consultations: services.consultations,
    accreditation: services.accreditation,
    organisations,
    admin,
  };
  await app.register(processesRoutes, processPages);
  await app.register(accreditationRoutes, {
    ...processPages,
    showProcessPage: processPageRenderer(processPages),
  });
  const running = {
    processes: services.processes,
    consultations: services.consultations,
    submissions: services.submissions,
  };
  await app.register(secretariatRoutes, running);
  await app.register(moderationRoutes, running);
  await app.register(openDataRoutes, { openData: services.openData });
  await app.register(searchRoutes, { search: services.search });
  await app.register(attachmentsRoutes, { attachments: services.attachments });
  // Cleaning threads end with the app; nothing that is still cleaning is stored.
  app.addHook('onClose', () => services.cleaning.close());
  const participation = {
    consultations: services.consultations,
    submissions: services.submissions,
    organisations,
    accounts,
    attachments: services.attachments,
    responses: services.responses,
    organisationActivity: services.organisationActivity,
  };
  await app.register(consultationsRoutes, {
    consultations: services.consultations,
    processes: services.processes,
    submissions: services.submissions,
    reports: services.reports,
    conversations: services.deliberation,
  });
  await app.register(submissionsRoutes, participation);
  await app.register(mySubmissionsRoutes, participation);
  await app.register(transparencyRoutes, { transparency: services.transparency });
  await app.register(reportsRoutes, { reports: services.reports, baseUrl: config.baseUrl });
  await app.register(codingRoutes, { coding: services.coding });
  await app.register(responsesRoutes, { responses: services.responses });
  await app.register(deliberationRoutes, {
    ...services.deliberation,
    secureCookies: config.secureCookies,
    liveStreams: config.liveResultsStreams,
    liveStreamsPerClient: config.limits.liveStreamsPerClient,
  });
  await app.register(apiTokensRoutes, { apiTokens: services.apiTokens, authRateLimit });
  const api = {
    processes: services.processes,
    consultations: services.consultations,
    submissions: services.submissions,
    transparency: services.transparency,
    cursors: cursorCodec(config.secret),
  };
  await app.register(
    async (v1) => {
      useApiValidation(v1);
      await v1.register(processesApi, api);
      await v1.register(consultationsApi, api);
      await v1.register(submissionsApi, api);
      await v1.register(transparencyApi, api);
    },
    { prefix: API_PREFIX },
  );

  return app;
}
