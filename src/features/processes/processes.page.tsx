// The process page is shown by several route plugins (the page itself, and again with a failed
// form by the secretariat's and the accreditation routes): this loads what it shows to a viewer.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage } from '../../http/render.ts';
import { viewContext } from '../../http/view-context.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AccreditationService } from '../accreditation/index.ts';
import type { AdminService } from '../admin/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import { isSecretariat } from '../../shared/process-policy.ts';
import type { ProcessesService } from './processes.service.ts';
import { ProcessPage, type ProcessPageForms, type ProcessPageModel } from './processes.views.tsx';

export interface ProcessesRoutesOptions {
  processes: ProcessesService;
  consultations: ConsultationsService;
  accreditation: AccreditationService;
  organisations: OrganisationsService;
  admin: AdminService;
}

export type ProcessPageRenderer = ReturnType<typeof processPageRenderer>;

/** Loads everything the process page shows to this viewer; shared with the accreditation routes. */
export function processPageRenderer(deps: ProcessesRoutesOptions) {
  const { processes, consultations, accreditation, organisations, admin } = deps;

  async function requestable(actor: Actor, processId: string) {
    if (!actor.user) return null;
    const mine = (await organisations.myOrganisations(actor)).filter(
      (o) => o.role === 'owner' || o.role === 'admin',
    );
    return Promise.all(
      mine.map(async (o) => {
        const decision = await accreditation.decisionOf(processId, o.id);
        return {
          slug: o.slug,
          name: o.name,
          status: decision?.status ?? null,
          reason: decision?.reason ?? null,
        };
      }),
    );
  }

  async function secretariatMembers(actor: Actor, processId: string) {
    const grants = await admin.listGrants(actor);
    return grants
      .filter(
        (g) => g.role === 'secretariat' && g.scopeType === 'process' && g.scopeId === processId,
      )
      .map((g) => ({ displayName: g.displayName, email: g.email }));
  }

  async function model(
    request: FastifyRequest,
    slug: string,
    isAdmin: boolean,
  ): Promise<ProcessPageModel> {
    const { actor } = request;
    const view = await processes.viewProcess(slug);
    const id = view.process.id;
    const manage = isSecretariat(actor, id);
    const [records, accredited, orgs, members, all] = await Promise.all([
      consultations.listForProcess(actor, id),
      accreditation.accreditedOrganisations(id),
      requestable(actor, id),
      isAdmin ? secretariatMembers(actor, id) : null,
      manage ? processes.list() : [],
    ]);
    return {
      view,
      consultations: records.map((c) => ({
        slug: c.slug,
        title: c.title,
        phase: consultations.phase(c),
        closesAt: c.closesAt,
        timeZone: c.timeZone,
      })),
      accredited,
      manage,
      requestable: orgs,
      secretariatMembers: members,
      otherProcesses: all.filter((p) => p.id !== id).map((p) => ({ slug: p.slug, title: p.title })),
    };
  }

  return async function showProcessPage(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    forms: ProcessPageForms = {},
    status = 200,
  ) {
    const ctx = viewContext(request, reply);
    return sendPage(
      reply,
      <ProcessPage ctx={ctx} model={await model(request, slug, ctx.isAdmin)} forms={forms} />,
      status,
    );
  };
}
