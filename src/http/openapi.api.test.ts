import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { api } from '../testing/api-fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';

for (const dialect of testDialects()) {
  describe(`the OpenAPI document (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when fetched, then it is a valid OpenAPI 3.1 document', async () => {
      const response = await api(t, 'GET', '/api/v1/openapi.json');
      assert.equal(response.status, 200);
      assert.equal(response.json.openapi, '3.1.0');
      const result = await new Validator().validate(response.json);
      assert.deepEqual(result, { valid: true });
    });

    test('then every /api/v1 route is in it, with its method, and nothing else is', async () => {
      const { json: doc } = await api(t, 'GET', '/api/v1/openapi.json');
      const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
        .flatMap(([path, item]) =>
          Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
        )
        .sort();
      const registered = t.app.routeList
        .filter((r) => r.url.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
        .sort();
      assert.ok(registered.length >= 15);
      assert.deepEqual(documented, registered);
    });

    test('then writes say how to authenticate and every operation documents its errors as problem+json', async () => {
      const { json: doc } = await api(t, 'GET', '/api/v1/openapi.json');
      assert.ok(doc.components.securitySchemes.bearerToken);
      const write = doc.paths['/api/v1/consultations/{slug}/submissions'].post;
      assert.deepEqual(write.security, [{ bearerToken: ['write'] }, { cookieSession: [] }]);
      assert.match(
        doc.components.securitySchemes.bearerToken.description,
        /Scope `read`: GET requests only/,
      );
      assert.deepEqual(write.requestBody.content['application/json'].schema.required.sort(), [
        'idempotencyKey',
        'language',
        'submit',
      ]);
      assert.ok(write.responses['401'].content['application/problem+json'].schema.properties.code);
      assert.ok(write.responses['409']);
    });
  });
}
