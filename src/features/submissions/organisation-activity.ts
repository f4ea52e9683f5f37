// What an organisation has said: the submissions made on its behalf and the ones it was asked to
// co-sign, for its members only. Authors are not named: members see what their organisation
// signed, not who in it wrote each text.
import type { Actor } from '../../shared/actor.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../shared/errors.ts';
import type { OrganisationsStore } from '../organisations/index.ts';
import type { SubmissionsStore } from './submissions.store.ts';

export interface OrganisationActivity {
  organisation: { name: string; slug: string };
  submissions: Array<{
    id: string;
    status: string;
    updatedOn: string;
    consultation: { slug: string; title: string };
  }>;
  cosignatures: Array<{
    submissionId: string;
    status: string;
    submissionStatus: string;
    consultation: { slug: string; title: string };
  }>;
}

export function organisationActivity(deps: {
  store: SubmissionsStore;
  organisations: OrganisationsStore;
}) {
  const { store, organisations } = deps;
  return async function activityOf(actor: Actor, slug: string): Promise<OrganisationActivity> {
    if (!actor.user) throw UnauthenticatedError();
    const org = await organisations.findBySlug(slug);
    if (!org) throw NotFoundError('organisation');
    if (!(await organisations.roleOf(org.id, actor.user.id)))
      throw ForbiddenError('only members see what their organisation submitted');
    const [submitted, cosignatures] = await Promise.all([
      store.listForOrganisation(org.id),
      store.cosignaturesOfOrganisation(org.id),
    ]);
    return {
      organisation: { name: org.name, slug: org.slug },
      submissions: submitted.map(({ updatedAt, ...s }) => ({
        ...s,
        updatedOn: updatedAt.slice(0, 10),
      })),
      cosignatures,
    };
  };
}
