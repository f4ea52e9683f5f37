// What an organisation has said: the submissions made on its behalf and the ones it was asked to
// co-sign, for its members only. Authors are not named: members see what their organisation
// signed, not who in it wrote each text.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../shared/errors.ts';
import type { OrganisationsStore } from '../organisations/index.ts';

export interface OrganisationActivity {
  organisation: { name: string; slug: string };
  submissions: Array<{ id: string; status: string; updatedOn: string; consultation: { slug: string; title: string } }>;
  cosignatures: Array<{ submissionId: string; status: string; submissionStatus: string; consultation: { slug: string; title: string } }>;
}

export function organisationActivity(deps: { db: Kysely<DB>; organisations: OrganisationsStore }) {
  const { db, organisations } = deps;
  return async function activityOf(actor: Actor, slug: string): Promise<OrganisationActivity> {
    if (!actor.user) throw UnauthenticatedError();
    const org = await organisations.findBySlug(slug);
    if (!org) throw NotFoundError('organisation');
    if (!(await organisations.roleOf(org.id, actor.user.id))) throw ForbiddenError('only members see what their organisation submitted');
    const submitted = await db
      .selectFrom('submissions as s')
      .innerJoin('consultations as c', 'c.id', 's.consultation_id')
      .select(['s.id', 's.status', 's.updated_at', 'c.slug', 'c.title'])
      .where('s.organisation_id', '=', org.id)
      .where('s.status', '!=', 'draft')
      .orderBy('s.updated_at', 'desc')
      .execute();
    const cosigned = await db
      .selectFrom('cosignatures as k')
      .innerJoin('submissions as s', 's.id', 'k.submission_id')
      .innerJoin('consultations as c', 'c.id', 's.consultation_id')
      .select(['k.submission_id', 'k.status', 's.status as submission_status', 'c.slug', 'c.title'])
      .where('k.organisation_id', '=', org.id)
      .orderBy('k.invited_at', 'desc')
      .execute();
    return {
      organisation: { name: org.name, slug: org.slug },
      submissions: submitted.map((r) => ({ id: r.id, status: r.status, updatedOn: r.updated_at.slice(0, 10), consultation: { slug: r.slug, title: r.title } })),
      cosignatures: cosigned.map((r) => ({ submissionId: r.submission_id, status: r.status, submissionStatus: r.submission_status, consultation: { slug: r.slug, title: r.title } })),
    };
  };
}
