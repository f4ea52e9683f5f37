// The edge every request crosses before a handler sees it. Path and query parameters holding a
// control character are refused (400): addresses are made by software, and PostgreSQL cannot
// even compare a NUL. Bodies — forms, JSON, multipart fields — have their control characters
// (but tab, LF and CR) stripped, since they are never meant and are invisible to the writer; the
// fields that name someone then refuse invisible format characters in their services. JSON is
// refused when nested deeper than any request needs, before it is parsed.
//
// Bodies are cleaned before schema validation, so a check such as minLength sees the text that
// will be stored ("\u0000" is empty, not one character). Fastify runs a route's own hooks after
// every instance hook: the cleaning is added to each route's preValidation, so it also comes after
// @fastify/multipart, which attaches its fields in an instance preValidation hook of its plugin.
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { hasControls, withoutControlsDeep } from '../shared/invisible-characters.ts';

export const MAX_JSON_DEPTH = 64;

/**
 * True when the JSON text opens more than `limit` arrays or objects inside each other. One pass
 * over the characters, strings skipped, nothing allocated: cheap on hostile input, and it runs
 * before JSON.parse ever recurses.
 */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const TooDeep = () => new AppError('too_deep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
const ControlInAddress = () =>
  new AppError('bad_request', 'control characters are not allowed in the address');

function valuesOf(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) return input.flatMap(valuesOf);
  if (input && typeof input === 'object') return Object.values(input).flatMap(valuesOf);
  return [];
}

const cleanBody: preValidationAsyncHookHandler = async (request) => {
  if (request.body !== undefined && request.body !== null)
    request.body = withoutControlsDeep(request.body);
};

export function registerInputHygiene(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonTooDeep(body as string)) return done(TooDeep(), undefined);
    return parseJson(request, body as string, done);
  });
  // preValidation: after the session hook (an error page needs the visitor), before any handler.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if ([...valuesOf(request.params), ...valuesOf(request.query)].some(hasControls))
      throw ControlInAddress();
  });
  // Last of the route's own preValidation hooks: after every parser, before the schema.
  app.addHook('onRoute', (route) => {
    route.preValidation = [...[route.preValidation ?? []].flat(), cleanBody];
  });
}
