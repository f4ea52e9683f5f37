// Row types of every table, as Kysely sees them. Timestamps are ISO 8601 strings in UTC.
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  email: string;
  email_confirmed_at: string | null;
  password_hash: string;
  display_name: string;
  stakeholder_group: string | null;
  country: string | null;
  /** JSON array of ISO 639-1 codes. */
  languages: Generated<string>;
  gender: string | null;
  age_band: string | null;
  disability: string | null;
  locale: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface OneTimeTokensTable {
  token_hash: string;
  purpose: string;
  user_id: string | null;
  /** What the token is about, e.g. the e-mail being confirmed. */
  subject: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  stakeholder_group: string;
  country: string | null;
  website: string | null;
  description: Generated<string>;
  created_at: string;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export interface OrganisationInvitationsTable {
  id: string;
  organisation_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: string;
  scope_type: string;
  scope_id: string;
  granted_by: string | null;
  created_at: string;
}

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: string;
}

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
  organisation_invitations: OrganisationInvitationsTable;
  role_grants: RoleGrantsTable;
  mail_outbox: MailOutboxTable;
  instance_settings: InstanceSettingsTable;
}
