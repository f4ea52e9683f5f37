// Renders a page (a Preact element) to an HTML response.
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

export function renderPage(page: VNode): string {
  return '<!doctype html>' + render(page);
}

/** Renders a part of a page, to be kept and placed into pages later (see fragment-cache.ts). */
export function renderPart(part: VNode): string {
  return render(part);
}

/** Sends a page rendered before (see page-cache.ts) with the same headers as a fresh one. */
export function sendHtml(reply: FastifyReply, html: string | Buffer, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return sendHtml(reply, renderPage(page), status);
}
