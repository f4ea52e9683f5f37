// Conversation pages for participants and visitors: vote (form or JSON), write, join as a guest,
// read the results. Facilitator pages are registered from facilitation.routes.tsx.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { limitedBy } from '../../http/abuse-limits.ts';
import { clientKey } from '../../http/client-address.ts';
import { failedForm, formBody, text } from '../../http/form-body.ts';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { AppError, RateLimitedError } from '../../shared/errors.ts';
import type { DeliberationService, Voter } from './deliberation.service.ts';
import { parseVote } from './deliberation.service.ts';
import { isFacilitator } from './deliberation.policy.ts';
import { base, ConversationPage, type ConversationForms } from './deliberation.views.tsx';
import { facilitationRoutes } from './facilitation.routes.tsx';
import type { FacilitationService } from './facilitation.service.ts';
import { ensureGuestKey, guestKey } from './guest.ts';
import { mapEvents } from './map-events.ts';
import { ResultsPage } from './results.views.tsx';

type SlugParams = { Params: { slug: string } };
const PREFIX = '/consultations/:slug/conversation';
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 5_000;

export interface DeliberationRoutesOptions {
  participation: DeliberationService;
  facilitation: FacilitationService;
  secureCookies: boolean;
  /** Live results streams this instance holds open at most (default MAX_STREAMS). */
  liveStreams?: number;
  /** Of those, how many one client address may hold (default: all). */
  liveStreamsPerClient?: number;
}

/**
 * Open streams per client key (an IPv4 address or IPv6 /64) on this instance. Kept in memory, not in the shared database:
 * a stream is a connection to this process, held only while it lives, and the slots it takes
 * are this instance's; counting it elsewhere would outlive a crash and cost a write per event.
 */
function streamsByClient(max: number) {
  const held = new Map<string, number>();
  return {
    /** Takes a slot for `client`; returns its release, or null when the client holds `max`. */
    take(client: string): (() => void) | null {
      const now = held.get(client) ?? 0;
      if (now >= max) return null;
      held.set(client, now + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(client) ?? 1) - 1;
        if (left > 0) held.set(client, left);
        else held.delete(client);
      };
    },
  };
}

function voter(request: FastifyRequest): Voter {
  return { actor: request.actor, guestKey: request.actor.user ? null : guestKey(request) };
}

function wantsJson(request: FastifyRequest): boolean {
  return String(request.headers['content-type'] ?? '').startsWith('application/json');
}

export const deliberationRoutes: FastifyPluginAsync<DeliberationRoutesOptions> = async (
  app,
  options,
) => {
  const { participation } = options;
  const live = mapEvents({
    mapVersion: participation.mapVersion,
    ...(options.liveStreams ? { maxStreams: options.liveStreams } : {}),
    onError: (error) => app.log.error({ err: error }, 'live results: reading the map version'),
  });
  const openStreams = new Set<() => void>();
  const byClient = streamsByClient(options.liveStreamsPerClient ?? Number.MAX_SAFE_INTEGER);
  // Open streams never end by themselves: end them so that closing the server does not wait.
  app.addHook('preClose', async () => {
    for (const end of openStreams) end();
  });

  async function renderConversation(
    request: FastifyRequest<SlugParams>,
    reply: FastifyReply,
    forms: ConversationForms = {},
    status = 200,
  ) {
    const view = await participation.conversationPage(voter(request), request.params.slug);
    const page = { ...view, canFacilitate: isFacilitator(request.actor, view.consultation) };
    return sendPage(
      reply,
      <ConversationPage ctx={viewContext(request, reply)} view={page} forms={forms} />,
      status,
    );
  }

  app.get<SlugParams>(PREFIX, (request, reply) => renderConversation(request, reply));

  app.post<SlugParams>(`${PREFIX}/guest`, async (request, reply) => {
    const body = formBody(request);
    const values = {
      stakeholderGroup: text(body, 'stakeholderGroup'),
      country: text(body, 'country'),
    };
    await participation.load(request.actor, request.params.slug);
    if (request.actor.user) return reply.redirect(base(request.params.slug), 303);
    const key = ensureGuestKey(request, reply, options.secureCookies);
    try {
      await participation.joinAsGuest(
        { actor: request.actor, guestKey: key },
        request.params.slug,
        values,
      );
    } catch (error) {
      return renderConversation(request, reply, { guest: failedForm(error, values) }, 422);
    }
    setFlash(reply, 'delib.flash.joined');
    return reply.redirect(base(request.params.slug), 303);
  });

  // One statement per request: a form post answers with a redirect to the next statement, a JSON
  // post (vote.js) with the next statement itself, so the page never reloads.
  app.post<SlugParams>(`${PREFIX}/votes`, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const json = wantsJson(request);
    try {
      const vote = parseVote(String(body.vote ?? ''));
      const next = await participation.castVote(
        voter(request),
        request.params.slug,
        Number(body.statement),
        vote,
      );
      if (json) return reply.header('cache-control', 'no-store').send({ recorded: true, next });
    } catch (error) {
      // A script's failure goes to the one error handler, which answers it with problem+json.
      if (json) throw error;
      if (error instanceof AppError && error.code === 'guest_required')
        return reply.redirect(base(request.params.slug), 303);
      if (error instanceof AppError && error.status === 422)
        return renderConversation(request, reply, { vote: request.t('delib.vote.invalid') }, 422);
      throw error;
    }
    setFlash(reply, 'delib.flash.voted');
    return reply.redirect(`${base(request.params.slug)}#vote-heading`, 303);
  });

  app.post<SlugParams>(`${PREFIX}/statements`, limitedBy('statements'), async (request, reply) => {
    const values = { body: text(formBody(request), 'body') };
    let outcome: 'pending' | 'shown';
    try {
      outcome = await participation.writeStatement(
        voter(request),
        request.params.slug,
        values.body,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'guest_required')
        return reply.redirect(base(request.params.slug), 303);
      return renderConversation(request, reply, { statement: failedForm(error, values) }, 422);
    }
    setFlash(
      reply,
      outcome === 'pending' ? 'delib.flash.statementPending' : 'delib.flash.statementShown',
    );
    return reply.redirect(base(request.params.slug), 303);
  });

  app.get<SlugParams>(`${PREFIX}/results`, async (request, reply) => {
    const view = await participation.results(request.actor, request.params.slug);
    return sendPage(reply, <ResultsPage ctx={viewContext(request, reply)} view={view} />);
  });

  // Server-sent events for results.js: `map` with the version of each newer cached map (the
  // current one first, so a reconnecting page catches up). Only the version: nothing in a stream
  // says who voted, and a visitor may open one wherever they may read the results.
  app.get<SlugParams>(`${PREFIX}/results/events`, async (request, reply) => {
    const { conversation } = await participation.load(request.actor, request.params.slug);
    if (live.full())
      return reply
        .code(503)
        .header('retry-after', String(RETRY_MS / 1000))
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(request.t('delib.live.busy'));
    const release = byClient.take(clientKey(request));
    // A page that cannot follow live shows new results on reload, as when the instance is full.
    if (!release) throw RateLimitedError({ name: 'live-streams', retryAfterSeconds: 60 });
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      // Tells nginx-style proxies not to hold events back in a buffer.
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${RETRY_MS}\n\n`);
    let ended = false;
    const write = (chunk: string) => {
      if (!ended) raw.write(chunk);
    };
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const unsubscribe = live.subscribe(conversation.id, (version) =>
      write(`id: ${version}\nevent: map\ndata: ${JSON.stringify({ version })}\n\n`),
    );
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe?.();
      release();
      openStreams.delete(end);
      raw.end();
    };
    openStreams.add(end);
    // Checked just above, in the same tick: only a bug could leave no room here.
    if (!unsubscribe) return end();
    // The response closes when the browser goes away (or the connection drops).
    raw.on('close', end);
    raw.on('error', end);
    if (raw.destroyed) end();
  });

  await app.register(facilitationRoutes, { facilitation: options.facilitation });
};
