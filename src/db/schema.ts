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
  reminders_opt_out_at: string | null;
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

export interface ProcessesTable {
  id: string;
  slug: string;
  title: string;
  convener: string;
  /** Markdown. */
  description: string;
  /** JSON array of framework labels (WSIS action lines, GDC objectives, SDGs …). */
  frameworks: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface ProcessMilestonesTable {
  id: string;
  process_id: string;
  kind: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  description: Generated<string>;
}

export interface ProcessDocumentsTable {
  id: string;
  process_id: string;
  title: string;
  url: string;
  language: string | null;
  position: number;
}

export interface ProcessLinksTable {
  from_process_id: string;
  to_process_id: string;
  kind: string;
}

export interface ConsultationsTable {
  id: string;
  process_id: string;
  slug: string;
  title: string;
  /** Markdown. */
  context: string;
  /** JSON array of locale codes. */
  languages: string;
  eligibility: string;
  rule: string;
  opens_at: string;
  closes_at: string;
  time_zone: string;
  /** Null while the consultation is a draft only the secretariat sees. */
  published_at: string | null;
  /** 'synthesis' or 'published' once the secretariat moves past 'closed'. */
  phase_override: string | null;
  created_at: string;
  updated_at: string;
  /** Raised by triggers on every write to what the public page shows (src/db/content-version.ts). */
  content_version: Generated<number>;
}

export interface ConsultationQuestionsTable {
  id: string;
  consultation_id: string;
  position: number;
  text: string;
  help: Generated<string>;
}

export interface ConsultationInviteesTable {
  consultation_id: string;
  email: string;
  created_at: string;
}

export interface AccreditationsTable {
  id: string;
  process_id: string;
  organisation_id: string;
  status: string;
  motivation: Generated<string>;
  reason: string | null;
  requested_by: string | null;
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface SubmissionsTable {
  id: string;
  consultation_id: string;
  author_id: string;
  organisation_id: string | null;
  status: string;
  language: string;
  free_text: Generated<string>;
  version: Generated<number>;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
  rejection_category: string | null;
  rejection_note: string | null;
  withdrawn_at: string | null;
}

export interface SubmissionAnswersTable {
  submission_id: string;
  question_id: string;
  text: string;
}

export interface SubmissionVersionsTable {
  submission_id: string;
  version: number;
  /** JSON of { freeText, answers, language }. */
  content: string;
  created_at: string;
}

export interface SubmissionAttachmentsTable {
  id: string;
  submission_id: string;
  position: number;
  original_name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface CosignaturesTable {
  submission_id: string;
  organisation_id: string;
  status: string;
  decided_by: string | null;
  invited_at: string;
  decided_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** 'read' or 'write'. */
  scope: string;
  expires_at: string;
}

export interface TransparencyLogTable {
  seq: number;
  /** Only the day: finer timestamps could re-identify contributors. */
  day: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON; never names a contributor. */
  details: string;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: string;
  name: string;
  /** JSON. */
  payload: string;
  status: string;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  /** At most one queued or running job per key (e.g. one recompute per conversation). */
  unique_key: string | null;
  locked_by: string | null;
  locked_until: string | null;
  progress: number | null;
  progress_note: string | null;
  /** JSON. */
  result: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface SentRemindersTable {
  kind: string;
  subject_id: string;
  user_id: string;
  sent_at: string;
}

export interface ConversationsTable {
  id: string;
  consultation_id: string;
  topic: string;
  description: string;
  /** 'before': statements show once accepted; 'after': they show until rejected. */
  moderation: string;
  allow_guests: number;
  allow_statements: number;
  version: Generated<number>;
  next_participant: Generated<number>;
  next_statement: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ConversationParticipantsTable {
  id: string;
  conversation_id: string;
  number: number;
  user_id: string | null;
  guest_key_hash: string | null;
  stakeholder_group: string | null;
  country: string | null;
  created_at: string;
}

export interface StatementsTable {
  id: string;
  conversation_id: string;
  number: number;
  author_participant_id: string | null;
  is_seed: number;
  body: string;
  /** pending | accepted | rejected. */
  status: string;
  created_at: string;
  moderated_at: string | null;
}

export interface VotesTable {
  participant_id: string;
  statement_id: string;
  conversation_id: string;
  /** 1 agree, -1 disagree, 0 pass. */
  vote: number;
  /** Milliseconds since the epoch. */
  voted_at: number | string;
}

export interface OpinionMapsTable {
  conversation_id: string;
  version: number;
  computed_at: string;
  /** JSON of the cached, identity-free map. */
  result: string;
}

export interface ReportDraftsTable {
  consultation_id: string;
  /** JSON: section key → Markdown. */
  sections: string;
  /** JSON: the items a response can point to ({ id, section, label }). */
  items: string;
  /** JSON: how the draft was made (engine, provider, counts). */
  method: string;
  provider_enabled: Generated<number>;
  job_id: string | null;
  generated_at: string | null;
  updated_at: string;
  /** JSON: the input of the figures of the latest generation (report-versions.ts). */
  figure_input: string | null;
}

export interface ReportVersionsTable {
  consultation_id: string;
  version: number;
  language: string;
  sections: string;
  items: string;
  /** Only the day, like the transparency log. */
  published_on: string;
  /** JSON: the input of the figures this version printed as its own; null when it reprints. */
  figure_input: string | null;
  /** The version whose figures this one prints; null: published before versions were audited. */
  figures_version: number | null;
}

export interface CodingThemesTable {
  id: string;
  consultation_id: string;
  position: number;
  label: string;
  description: string;
  stance: string | null;
}

export interface CodingLabelsTable {
  consultation_id: string;
  submission_id: string;
  /** JSON array of theme ids. */
  theme_ids: string;
  updated_at: string;
}

export interface CodingEmbeddingsTable {
  consultation_id: string;
  /** A submission id or a codebook theme id. */
  input_id: string;
  model: string;
  /** SHA-256 (hex) of the embedded text. */
  text_hash: string;
  /** Float32 little-endian, base64. */
  vector: string;
  created_at: string;
}

export interface CodingRefreshesTable {
  consultation_id: string;
  job_id: string;
  requested_at: string;
}

export interface SubmissionResponsesTable {
  submission_id: string;
  consultation_id: string;
  outcome: string;
  explanation: string;
  /** JSON array of report item ids. */
  report_items: string;
  updated_at: string;
}

export interface RateLimitWindowsTable {
  /** HMAC (instance secret) of the route and the client key (its address): never the address itself. */
  key: string;
  hits: number;
  /** When the window that began with the first hit closes; a hit after it starts a new one. */
  expires_at: string;
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
  processes: ProcessesTable;
  process_milestones: ProcessMilestonesTable;
  process_documents: ProcessDocumentsTable;
  process_links: ProcessLinksTable;
  consultations: ConsultationsTable;
  consultation_questions: ConsultationQuestionsTable;
  consultation_invitees: ConsultationInviteesTable;
  accreditations: AccreditationsTable;
  submissions: SubmissionsTable;
  submission_answers: SubmissionAnswersTable;
  submission_versions: SubmissionVersionsTable;
  submission_attachments: SubmissionAttachmentsTable;
  cosignatures: CosignaturesTable;
  api_tokens: ApiTokensTable;
  transparency_log: TransparencyLogTable;
  jobs: JobsTable;
  sent_reminders: SentRemindersTable;
  report_drafts: ReportDraftsTable;
  report_versions: ReportVersionsTable;
  coding_themes: CodingThemesTable;
  coding_labels: CodingLabelsTable;
  coding_embeddings: CodingEmbeddingsTable;
  coding_refreshes: CodingRefreshesTable;
  submission_responses: SubmissionResponsesTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  statements: StatementsTable;
  votes: VotesTable;
  opinion_maps: OpinionMapsTable;
  rate_limit_windows: RateLimitWindowsTable;
}
