// Organisation use cases: create one, invite members by e-mail, accept, remove.
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { type Actor } from '../../shared/actor.ts';
import { addMinutes, type Clock } from '../../shared/clock.ts';
import { isCountryCode } from '../../shared/geography.ts';
import { hashToken, newId, newSecretToken } from '../../shared/ids.ts';
import { isStakeholderGroup } from '../../shared/stakeholders.ts';
import { translator } from '../../i18n/i18n.ts';
import { isLocale } from '../../i18n/locales.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AccountsService } from '../accounts/index.ts';
import {
  ORG_ROLES,
  canGrantRole,
  canManageMembers,
  canSeeMembers,
  type OrgRole,
} from './organisations.policy.ts';
import type { OrganisationsStore } from './organisations.store.ts';
import { identityTextProblem } from '../../shared/invisible-characters.ts';
import { isAllowedWebAddress } from '../../shared/link-policy.ts';

const INVITATION_DAYS = 14;

export interface OrganisationsDeps {
  store: OrganisationsStore;
  accounts: AccountsService;
  mailer: Mailer;
  clock: Clock;
  baseUrl: string;
}

export function slugify(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'organisation';
}

export function organisationsService(deps: OrganisationsDeps) {
  const { store, accounts, mailer, clock, baseUrl } = deps;
  const now = () => clock.now().toISOString();

  async function load(slug: string) {
    const org = await store.findBySlug(slug);
    if (!org) throw NotFoundError('organisation');
    return org;
  }

  async function uniqueSlug(name: string): Promise<string> {
    const base = slugify(name);
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? base : `${base}-${i}`;
      if (!(await store.slugExists(candidate))) return candidate;
    }
  }

  return {
    async createOrganisation(
      actor: Actor,
      input: {
        name: string;
        stakeholderGroup: string;
        country: string | null;
        website: string | null;
        description: string;
      },
    ) {
      if (!actor.user) throw new AppError('unauthenticated', 'sign in first');
      const name = input.name.trim();
      if (!name) throw ValidationError({ name: 'errors.required' });
      if (name.length > 120) throw ValidationError({ name: 'errors.tooLong' });
      const invisible = identityTextProblem(name);
      if (invisible) throw ValidationError({ name: invisible });
      if (!isStakeholderGroup(input.stakeholderGroup))
        throw ValidationError({ stakeholderGroup: 'errors.choiceInvalid' });
      if (input.country !== null && !isCountryCode(input.country))
        throw ValidationError({ country: 'errors.choiceInvalid' });
      if (input.website !== null && !isAllowedWebAddress(input.website))
        throw ValidationError({ website: 'errors.urlInvalid' });
      if (input.description.length > 2000) throw ValidationError({ description: 'errors.tooLong' });
      const org = {
        id: newId(),
        slug: await uniqueSlug(name),
        name,
        stakeholderGroup: input.stakeholderGroup,
        country: input.country,
        website: input.website,
        description: input.description.trim(),
      };
      await store.insertWithOwner(org, actor.user.id, now());
      return org;
    },

    async myOrganisations(actor: Actor) {
      return actor.user ? store.listForUser(actor.user.id) : [];
    },

    /** The public page of an organisation; members and invitations only for those who may see them. */
    async viewOrganisation(actor: Actor, slug: string) {
      const org = await load(slug);
      const myRole = actor.user ? await store.roleOf(org.id, actor.user.id) : undefined;
      const members = canSeeMembers(actor, myRole) ? await store.members(org.id) : null;
      const invitations = canManageMembers(actor, myRole)
        ? await store.pendingInvitations(org.id, now())
        : null;
      return { org, myRole, members, invitations, canManage: canManageMembers(actor, myRole) };
    },

    async inviteMember(actor: Actor, slug: string, input: { email: string; role: string }) {
      const org = await load(slug);
      if (!actor.user) throw new AppError('unauthenticated', 'sign in first');
      const myRole = await store.roleOf(org.id, actor.user.id);
      if (!canManageMembers(actor, myRole)) throw ForbiddenError();
      const email = input.email.trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        throw ValidationError({ email: 'errors.emailInvalid' });
      if (!(ORG_ROLES as readonly string[]).includes(input.role))
        throw ValidationError({ role: 'errors.choiceInvalid' });
      if (!canGrantRole(myRole, input.role as OrgRole, actor))
        throw ValidationError({ role: 'errors.roleNotAllowed' });
      const token = newSecretToken();
      await store.insertInvitation({
        id: newId(),
        organisationId: org.id,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: actor.user.id,
        now: now(),
        expiresAt: addMinutes(clock.now(), INVITATION_DAYS * 24 * 60).toISOString(),
      });
      const invitee = await accounts.findUserByEmail(email);
      const t = translator(isLocale(invitee?.locale) ? invitee.locale : 'en');
      await mailer.send({
        to: email,
        subject: t('mail.invitation.subject', { organisation: org.name }),
        text: t('mail.invitation.body', {
          organisation: org.name,
          inviter: actor.user.displayName,
          link: `${baseUrl}/invitations/${token}`,
          days: INVITATION_DAYS,
        }),
      });
    },

    async viewInvitation(token: string) {
      const invitation = await store.findOpenInvitation(hashToken(token), now());
      if (!invitation) throw new AppError('link_invalid', 'invitation invalid or expired');
      return invitation;
    },

    /** Only the invited address can accept: a forwarded link does not make someone a member. */
    async acceptInvitation(actor: Actor, token: string) {
      if (!actor.user) throw new AppError('unauthenticated', 'sign in first');
      const invitation = await store.findOpenInvitation(hashToken(token), now());
      if (!invitation) throw new AppError('link_invalid', 'invitation invalid or expired');
      if (invitation.email !== actor.user.email)
        throw new AppError(
          'invitation_other_email',
          'this invitation was sent to another e-mail address',
        );
      await store.addMember(invitation.organisation_id, actor.user.id, invitation.role, now());
      await store.markInvitationAccepted(invitation.id, now());
      return invitation.slug;
    },

    async removeMember(actor: Actor, slug: string, userId: string) {
      const org = await load(slug);
      const myRole = actor.user ? await store.roleOf(org.id, actor.user.id) : undefined;
      const isSelf = actor.user?.id === userId;
      if (!isSelf && !canManageMembers(actor, myRole)) throw ForbiddenError();
      const theirRole = await store.roleOf(org.id, userId);
      if (!theirRole) throw NotFoundError('member');
      if (theirRole === 'owner' && myRole !== 'owner' && !isSelf) throw ForbiddenError();
      if (theirRole === 'owner' && (await store.countOwners(org.id)) === 1)
        throw new AppError('last_owner', 'an organisation keeps at least one owner');
      await store.removeMember(org.id, userId);
    },
  };
}

export type OrganisationsService = ReturnType<typeof organisationsService>;
