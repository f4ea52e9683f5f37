import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  makeAdmin,
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../testing/test-app.ts';

// Expected status of every route for a visitor, a signed-in person without special rights, and an
// instance administrator (before any valid input): 303 = sent to sign in, 403 = forbidden,
// 400 = an invalid or expired link, 404 = nothing there, 422 = form refused.
const MATRIX: Record<string, { anonymous: number; user: number; admin: number; path?: string }> = {
  'GET /': { anonymous: 200, user: 200, admin: 200 },
  'GET /healthz': { anonymous: 200, user: 200, admin: 200 },
  'GET /readyz': { anonymous: 200, user: 200, admin: 200 },
  'GET /metrics': { anonymous: 403, user: 403, admin: 200 },
  'GET /assets/:hash/:name': { anonymous: 200, user: 200, admin: 200, path: '/assets/x/app.css' },
  'GET /account/register': { anonymous: 200, user: 200, admin: 200 },
  'POST /account/register': { anonymous: 422, user: 422, admin: 422 },
  'GET /account/confirm/:token': {
    anonymous: 200,
    user: 200,
    admin: 200,
    path: '/account/confirm/bogus',
  },
  'POST /account/confirm/:token': {
    anonymous: 400,
    user: 400,
    admin: 400,
    path: '/account/confirm/bogus',
  },
  'GET /account/sign-in': { anonymous: 200, user: 200, admin: 200 },
  'POST /account/sign-in': { anonymous: 422, user: 422, admin: 422 },
  'POST /account/sign-out': { anonymous: 303, user: 303, admin: 303 },
  'POST /account/sign-out-everywhere': { anonymous: 303, user: 303, admin: 303 },
  'GET /account/forgot': { anonymous: 200, user: 200, admin: 200 },
  'POST /account/forgot': { anonymous: 422, user: 422, admin: 422 },
  'GET /account/reset/:token': {
    anonymous: 400,
    user: 400,
    admin: 400,
    path: '/account/reset/bogus',
  },
  'POST /account/reset/:token': {
    anonymous: 422,
    user: 422,
    admin: 422,
    path: '/account/reset/bogus',
  },
  'GET /account/profile': { anonymous: 303, user: 200, admin: 200 },
  'POST /account/profile': { anonymous: 303, user: 422, admin: 422 },
  'POST /account/password': { anonymous: 303, user: 422, admin: 422 },
  'GET /organisations': { anonymous: 303, user: 200, admin: 200 },
  'GET /organisations/new': { anonymous: 303, user: 200, admin: 200 },
  'POST /organisations/new': { anonymous: 303, user: 422, admin: 422 },
  'GET /organisations/:slug': {
    anonymous: 200,
    user: 200,
    admin: 200,
    path: '/organisations/matrix-org',
  },
  'GET /organisations/:slug/activity': {
    anonymous: 303,
    user: 403,
    admin: 403,
    path: '/organisations/matrix-org/activity',
  },
  'POST /organisations/:slug/invitations': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/organisations/matrix-org/invitations',
  },
  'POST /organisations/:slug/members/:userId/remove': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/organisations/matrix-org/members/nobody/remove',
  },
  'GET /invitations/:token': { anonymous: 400, user: 400, admin: 400, path: '/invitations/bogus' },
  'POST /invitations/:token': { anonymous: 303, user: 400, admin: 400, path: '/invitations/bogus' },
  'GET /admin': { anonymous: 303, user: 403, admin: 200 },
  'GET /admin/outbox': { anonymous: 303, user: 403, admin: 200 },
  'GET /admin/roles': { anonymous: 303, user: 403, admin: 200 },
  'POST /admin/roles': { anonymous: 303, user: 403, admin: 422 },
  'POST /admin/roles/revoke': { anonymous: 303, user: 403, admin: 404 },
  'GET /processes': { anonymous: 200, user: 200, admin: 200 },
  'GET /processes/new': { anonymous: 303, user: 403, admin: 200 },
  'POST /processes/new': { anonymous: 303, user: 403, admin: 422 },
  'GET /processes/:slug': {
    anonymous: 200,
    user: 200,
    admin: 200,
    path: '/processes/matrix-process',
  },
  'GET /processes/:slug/edit': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/processes/matrix-process/edit',
  },
  'POST /processes/:slug/edit': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/processes/matrix-process/edit',
  },
  'POST /processes/:slug/milestones': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/processes/matrix-process/milestones',
  },
  'POST /processes/:slug/milestones/:id/remove': {
    anonymous: 303,
    user: 403,
    admin: 303,
    path: '/processes/matrix-process/milestones/nothing/remove',
  },
  'POST /processes/:slug/documents': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/processes/matrix-process/documents',
  },
  'POST /processes/:slug/documents/:id/remove': {
    anonymous: 303,
    user: 403,
    admin: 303,
    path: '/processes/matrix-process/documents/nothing/remove',
  },
  'POST /processes/:slug/links': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/processes/matrix-process/links',
  },
  'POST /processes/:slug/links/remove': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/processes/matrix-process/links/remove',
  },
  'POST /processes/:slug/secretariat': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/processes/matrix-process/secretariat',
  },
  'POST /processes/:slug/accreditations/request': {
    anonymous: 303,
    user: 422,
    admin: 422,
    path: '/processes/matrix-process/accreditations/request',
  },
  'GET /processes/:slug/accreditations': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/processes/matrix-process/accreditations',
  },
  'POST /processes/:slug/accreditations/:id/decide': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/processes/matrix-process/accreditations/nothing/decide',
  },
  'GET /processes/:slug/consultations/new': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/processes/matrix-process/consultations/new',
  },
  'POST /processes/:slug/consultations/new': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/processes/matrix-process/consultations/new',
  },
  'GET /consultations/:slug/edit': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/consultations/matrix-consultation/edit',
  },
  'POST /consultations/:slug/edit': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/consultations/matrix-consultation/edit',
  },
  'POST /consultations/:slug/publish': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/consultations/matrix-consultation/publish',
  },
  'POST /consultations/:slug/phase': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/consultations/matrix-consultation/phase',
  },
  'GET /consultations/:slug/dashboard': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/consultations/matrix-consultation/dashboard',
  },
  'GET /consultations/:slug/moderation': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/consultations/matrix-consultation/moderation',
  },
  'POST /consultations/:slug/moderation/:id': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/consultations/matrix-consultation/moderation/nothing',
  },
  'GET /processes/:slug/feed.atom': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/processes/nowhere/feed.atom',
  },
  'GET /processes/:slug/calendar.ics': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/processes/nowhere/calendar.ics',
  },
  'GET /consultations/:slug/feed.atom': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nowhere/feed.atom',
  },
  'GET /consultations/:slug/submissions.csv': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nowhere/submissions.csv',
  },
  'GET /consultations/:slug/submissions.json': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nowhere/submissions.json',
  },
  'GET /search': { anonymous: 200, user: 200, admin: 200, path: '/search?q=matrix' },
  'POST /my/submissions/:id/attachments': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/my/submissions/nobody/attachments',
  },
  'POST /my/submissions/:id/attachments/:attachmentId/delete': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/my/submissions/nobody/attachments/none/delete',
  },
  'GET /attachments/:id': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/attachments/0123456789abcdef0123456789abcdef',
  },
  'GET /setup/:token': { anonymous: 400, user: 400, admin: 400, path: '/setup/bogus' },
  'GET /consultations': { anonymous: 200, user: 200, admin: 200 },
  'GET /consultations/:slug': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here',
  },
  'GET /consultations/:slug/moderation-log': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/moderation-log',
  },
  'GET /consultations/:slug/submit': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/submit',
  },
  'POST /consultations/:slug/submit': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/submit',
  },
  'GET /submissions/:id': { anonymous: 404, user: 404, admin: 404, path: '/submissions/nothing' },
  'GET /my/submissions': { anonymous: 303, user: 200, admin: 200 },
  'GET /my/submissions/:id': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/my/submissions/nothing',
  },
  'GET /my/submissions/:id/edit': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/my/submissions/nothing/edit',
  },
  'GET /my/submissions/:id/withdraw': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/my/submissions/nothing/withdraw',
  },
  'POST /my/submissions/:id/withdraw': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/my/submissions/nothing/withdraw',
  },
  'POST /my/submissions/:id/cosignatories': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/my/submissions/nothing/cosignatories',
  },
  'GET /my/cosignatures': { anonymous: 303, user: 200, admin: 200 },
  'POST /my/cosignatures/:id': {
    anonymous: 303,
    user: 400,
    admin: 400,
    path: '/my/cosignatures/nothing',
  },
  'GET /my/notifications': { anonymous: 303, user: 200, admin: 200 },
  'POST /my/notifications': { anonymous: 303, user: 303, admin: 303 },
  'GET /consultations/:slug/report/draft': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/consultations/matrix-consultation/report/draft',
  },
  'POST /consultations/:slug/report/generate': {
    anonymous: 303,
    user: 403,
    admin: 303,
    path: '/consultations/matrix-consultation/report/generate',
  },
  'POST /consultations/:slug/report/settings': {
    anonymous: 303,
    user: 403,
    admin: 303,
    path: '/consultations/matrix-consultation/report/settings',
  },
  'GET /consultations/:slug/report/edit': {
    anonymous: 303,
    user: 403,
    admin: 303,
    path: '/consultations/matrix-consultation/report/edit',
  },
  'POST /consultations/:slug/report/edit': {
    anonymous: 303,
    user: 403,
    admin: 409,
    path: '/consultations/matrix-consultation/report/edit',
  },
  'POST /consultations/:slug/report/publish': {
    anonymous: 303,
    user: 403,
    admin: 409,
    path: '/consultations/matrix-consultation/report/publish',
  },
  'GET /consultations/:slug/report': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/matrix-consultation/report',
  },
  'GET /consultations/:slug/report/versions/:version': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/matrix-consultation/report/versions/1',
  },
  'GET /consultations/:slug/report/compare': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/matrix-consultation/report/compare?from=1&to=2',
  },
  'GET /consultations/:slug/report/export/:format': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/matrix-consultation/report/export/pdf',
  },
  'GET /consultations/:slug/coding': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/consultations/matrix-consultation/coding',
  },
  'POST /consultations/:slug/coding/themes': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/consultations/matrix-consultation/coding/themes',
  },
  'POST /consultations/:slug/coding/themes/:id/delete': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/consultations/matrix-consultation/coding/themes/nothing/delete',
  },
  'POST /consultations/:slug/coding/suggestions': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/consultations/matrix-consultation/coding/suggestions',
  },
  'POST /consultations/:slug/coding/refresh': {
    anonymous: 303,
    user: 403,
    admin: 409,
    path: '/consultations/matrix-consultation/coding/refresh',
  },
  'GET /consultations/:slug/coding/review': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/consultations/matrix-consultation/coding/review',
  },
  'POST /consultations/:slug/coding/review': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/consultations/matrix-consultation/coding/review',
  },
  'GET /consultations/:slug/responses': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/matrix-consultation/responses',
  },
  'GET /consultations/:slug/responses/manage': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/consultations/matrix-consultation/responses/manage',
  },
  'GET /consultations/:slug/responses/manage/:id': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/consultations/matrix-consultation/responses/manage/nothing',
  },
  'POST /consultations/:slug/responses/manage/:id': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/consultations/matrix-consultation/responses/manage/nothing',
  },
  'GET /transparency': { anonymous: 200, user: 200, admin: 200 },
  'GET /transparency/verify': { anonymous: 200, user: 200, admin: 200 },
  'GET /consultations/:slug/conversation': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/conversation',
  },
  'POST /consultations/:slug/conversation/guest': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/conversation/guest',
  },
  'POST /consultations/:slug/conversation/votes': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/conversation/votes',
  },
  'POST /consultations/:slug/conversation/statements': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/conversation/statements',
  },
  'GET /consultations/:slug/conversation/results': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/conversation/results',
  },
  'GET /consultations/:slug/conversation/results/events': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/consultations/nothing-here/conversation/results/events',
  },
  'GET /consultations/:slug/conversation/settings': {
    anonymous: 303,
    user: 403,
    admin: 200,
    path: '/consultations/matrix-consultation/conversation/settings',
  },
  'POST /consultations/:slug/conversation/settings': {
    anonymous: 303,
    user: 403,
    admin: 422,
    path: '/consultations/matrix-consultation/conversation/settings',
  },
  'GET /consultations/:slug/conversation/moderation': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/consultations/matrix-consultation/conversation/moderation',
  },
  'POST /consultations/:slug/conversation/seed': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/consultations/matrix-consultation/conversation/seed',
  },
  'POST /consultations/:slug/conversation/statements/:number/moderation': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/consultations/matrix-consultation/conversation/statements/0/moderation',
  },
  'GET /consultations/:slug/conversation/export/:file': {
    anonymous: 303,
    user: 403,
    admin: 404,
    path: '/consultations/matrix-consultation/conversation/export/votes.csv',
  },
  'POST /setup/:token': { anonymous: 400, user: 400, admin: 400, path: '/setup/bogus' },
  // Personal API tokens, and the API: writes answer 401 to visitors, then 400 to the matrix's empty
  // form bodies (the schema wants JSON fields) or 404 for the bogus ids.
  'GET /account/tokens': { anonymous: 303, user: 200, admin: 200 },
  'POST /account/tokens': { anonymous: 303, user: 422, admin: 422 },
  'POST /account/tokens/:id/revoke': {
    anonymous: 303,
    user: 404,
    admin: 404,
    path: '/account/tokens/nothing/revoke',
  },
  'GET /api/v1/openapi.json': { anonymous: 200, user: 200, admin: 200 },
  'GET /api/v1/processes': { anonymous: 200, user: 200, admin: 200 },
  'GET /api/v1/processes/:slug': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/api/v1/processes/nothing-here',
  },
  'GET /api/v1/consultations': { anonymous: 200, user: 200, admin: 200 },
  'GET /api/v1/consultations/:slug': {
    anonymous: 404,
    user: 404,
    admin: 200,
    path: '/api/v1/consultations/matrix-consultation',
  },
  'GET /api/v1/consultations/:slug/questions': {
    anonymous: 404,
    user: 404,
    admin: 200,
    path: '/api/v1/consultations/matrix-consultation/questions',
  },
  'GET /api/v1/consultations/:slug/submissions': {
    anonymous: 404,
    user: 404,
    admin: 200,
    path: '/api/v1/consultations/matrix-consultation/submissions',
  },
  'GET /api/v1/consultations/:slug/moderation-log': {
    anonymous: 404,
    user: 404,
    admin: 200,
    path: '/api/v1/consultations/matrix-consultation/moderation-log',
  },
  'GET /api/v1/submissions/:id': {
    anonymous: 404,
    user: 404,
    admin: 404,
    path: '/api/v1/submissions/nothing',
  },
  'GET /api/v1/transparency': { anonymous: 200, user: 200, admin: 200 },
  'GET /api/v1/transparency/verify': { anonymous: 200, user: 200, admin: 200 },
  'POST /api/v1/consultations/:slug/submissions': {
    anonymous: 401,
    user: 400,
    admin: 400,
    path: '/api/v1/consultations/matrix-consultation/submissions',
  },
  'POST /api/v1/submissions/:id/withdraw': {
    anonymous: 401,
    user: 404,
    admin: 404,
    path: '/api/v1/submissions/nothing/withdraw',
  },
  'POST /api/v1/submissions/:id/cosignatories': {
    anonymous: 401,
    user: 400,
    admin: 400,
    path: '/api/v1/submissions/nothing/cosignatories',
  },
  'POST /api/v1/submissions/:id/cosignatures/:organisationSlug': {
    anonymous: 401,
    user: 400,
    admin: 400,
    path: '/api/v1/submissions/nothing/cosignatures/matrix-org',
  },
  'POST /api/v1/submissions/:id/moderation': {
    anonymous: 401,
    user: 400,
    admin: 400,
    path: '/api/v1/submissions/nothing/moderation',
  },
};

for (const dialect of testDialects()) {
  describe(`the whole app (${dialect})`, () => {
    let t: TestApp;
    let user: TestClient;
    let admin: TestClient;
    before(async () => {
      t = await startTestApp(dialect);
      user = await signedInClient(t, 'plain@example.org', 'plain password 1');
      admin = await signedInClient(t, 'admin@example.org', 'admin password 1');
      await makeAdmin(t, 'admin@example.org');
      const owner = await signedInClient(t, 'matrix-owner@example.org', 'owner password 1');
      await owner.get('/organisations/new');
      await owner.post('/organisations/new', { name: 'Matrix Org', stakeholderGroup: 'academia' });
      // A process with a draft consultation (no questions, so it stays a draft) for the secretariat's routes.
      await admin.get('/processes/new');
      await admin.post('/processes/new', { title: 'Matrix Process', convener: 'Matrix Convener' });
      await admin.get('/processes/matrix-process/consultations/new');
      await admin.post('/processes/matrix-process/consultations/new', {
        title: 'Matrix Consultation',
        languages: 'en',
        eligibility: 'open',
        rule: 'attributed',
        opensAt: '2030-01-01T09:00',
        closesAt: '2030-02-01T09:00',
        timeZone: 'UTC',
      });
    });
    after(() => t.close());

    let throwaways = 0;
    async function throwawayClient(who: 'user' | 'admin'): Promise<TestClient> {
      const email = `throwaway-${++throwaways}@example.org`;
      const client = await signedInClient(t, email, 'throwaway password');
      if (who === 'admin') await makeAdmin(t, email);
      return client;
    }

    test('every registered route is in the authorisation matrix', () => {
      const registered = t.app.routeList.map((r) => `${r.method} ${r.url}`).sort();
      assert.deepEqual(registered, Object.keys(MATRIX).sort());
    });

    test('every route answers visitors, signed-in people and administrators as the matrix says', async () => {
      const failures: string[] = [];
      for (const [route, expected] of Object.entries(MATRIX)) {
        const [method, pattern] = route.split(' ') as [string, string];
        const path = expected.path ?? pattern;
        for (const [who, shared] of [
          ['anonymous', t.client()],
          ['user', user],
          ['admin', admin],
        ] as const) {
          // Sign-out routes would end the shared sessions: check them on throwaway sessions.
          const c =
            path.includes('sign-out') && who !== 'anonymous' ? await throwawayClient(who) : shared;
          await c.get('/account/sign-in');
          const response = method === 'GET' ? await c.get(path) : await c.post(path, {});
          if (response.statusCode !== expected[who])
            failures.push(`${route} as ${who}: ${response.statusCode}, expected ${expected[who]}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test('pages carry a strict Content-Security-Policy and the usual headers', async () => {
      const response = await t.client().get('/');
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.ok(response.headers['referrer-policy']);
      assert.doesNotMatch(response.body, /<script>|<style|style="/, 'no inline script or style');
    });

    test('health, readiness and metrics answer for operators', async () => {
      const health = await t.client().get('/healthz');
      assert.deepEqual(JSON.parse(health.body), { status: 'ok', database: dialect });
      assert.equal((await t.client().get('/readyz')).statusCode, 200);
      const metrics = await admin.get('/metrics');
      assert.match(metrics.body, /polylogue_http_requests_total/);
    });

    test('the language comes from the URL, then the cookie, then Accept-Language; Arabic is right-to-left', async () => {
      const c = t.client();
      const arabic = await c.get('/', { 'accept-language': 'ar,en;q=0.5' });
      assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
      const french = await c.get('/?lang=fr');
      assert.match(french.body, /<html lang="fr" dir="ltr">/);
      const remembered = await c.get('/account/sign-in', { 'accept-language': 'ru' });
      assert.match(remembered.body, /<html lang="fr"/, 'the choice made in the URL is remembered');
      const chinese = await t.client().get('/', { 'accept-language': 'zh-CN,zh;q=0.9' });
      assert.match(chinese.body, /<html lang="zh" dir="ltr">/);
      const fallback = await t.client().get('/', { 'accept-language': 'de' });
      assert.match(fallback.body, /<html lang="en"/);
    });

    test('unknown pages are a translated page in HTML and problem+json in the API', async () => {
      const page = await t.client().get('/nowhere?lang=es');
      assert.equal(page.statusCode, 404);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, /lang="es"/);
      const api = await t.client().get('/api/v1/nowhere');
      assert.equal(api.statusCode, 404);
      assert.match(api.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(JSON.parse(api.body).status, 404);
    });

    test('an oversized form body is refused with 413', async () => {
      const c = t.client();
      await c.get('/account/register');
      const response = await c.post('/account/register', { displayName: 'x'.repeat(300 * 1024) });
      assert.equal(response.statusCode, 413);
    });
  });
}
