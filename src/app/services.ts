// Builds every service from the database and configuration. Shared by the HTTP app, the worker
// and the CLI, so each wires the same objects the same way.
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { accountsService } from '../features/accounts/index.ts';
import { accountsStore } from '../features/accounts/index.ts';
import { argon2Hasher, type PasswordHasher } from '../features/accounts/index.ts';
import { accreditationService, accreditationStore } from '../features/accreditation/index.ts';
import {
  attachmentsService,
  attachmentsStore,
  cleaningPool,
  fileStorage,
} from '../features/attachments/index.ts';
import { adminService, adminStore } from '../features/admin/index.ts';
import { apiTokensService, apiTokensStore } from '../features/api-tokens/index.ts';
import { consultationsService } from '../features/consultations/index.ts';
import { consultationsStore } from '../features/consultations/index.ts';
import { deliberationFeature } from '../features/deliberation/index.ts';
import { processesService } from '../features/processes/index.ts';
import { processesStore } from '../features/processes/index.ts';
import { deadlineReminders, organisationActivity } from '../features/submissions/index.ts';
import { submissionsService } from '../features/submissions/index.ts';
import { submissionsStore } from '../features/submissions/index.ts';
import { transparencyService } from '../features/transparency/index.ts';
import { organisationsService } from '../features/organisations/index.ts';
import { organisationsStore } from '../features/organisations/index.ts';
import { submissionMailer } from '../features/submissions/index.ts';
import { openDataService } from '../features/open-data/index.ts';
import { searchService } from '../features/search/index.ts';
import { searchSql } from '../db/search.ts';
import { rolesStore } from '../features/roles/index.ts';
import { reportComposer, reportsService, reportsStore } from '../features/reports/index.ts';
import { codingService, codingStore } from '../features/coding/index.ts';
import { responsesService, responsesStore } from '../features/responses/index.ts';
import { jobQueue } from '../jobs/queue.ts';
import { rateLimitCounters } from '../db/rate-limits.ts';
import { signInThrottle } from '../features/accounts/index.ts';
import { outboxMailer, outboxStore, smtpMailer, type Mailer } from '../mail/mailer.ts';
import { systemClock, type Clock } from '../shared/clock.ts';

export interface ServiceOverrides {
  clock?: Clock;
  mailer?: Mailer;
  hasher?: PasswordHasher;
}

export function createServices(
  config: Config,
  database: Database,
  overrides: ServiceOverrides = {},
) {
  const clock = overrides.clock ?? systemClock;
  const mailer =
    overrides.mailer ??
    (config.smtpUrl
      ? smtpMailer(config.smtpUrl, `Polylogue <no-reply@${new URL(config.baseUrl).hostname}>`)
      : outboxMailer(database.db, clock));
  const hasher = overrides.hasher ?? argon2Hasher();
  const roles = rolesStore(database.db);
  const jobs = jobQueue(database, clock);
  const submissionMail = submissionMailer({ mailer, jobs, clock });
  const apiTokenRecords = apiTokensStore(database.db);
  const accounts = accountsService({
    store: accountsStore(database.db),
    mailer,
    hasher,
    clock,
    baseUrl: config.baseUrl,
    jobs,
    throttle: signInThrottle(rateLimitCounters(database, clock), config.secret, config.signInLimit),
    revokeApiTokens: (userId, now) => apiTokenRecords.revokeAllOfUser(userId, now),
  });
  const orgStore = organisationsStore(database.db);
  const organisations = organisationsService({
    store: orgStore,
    accounts,
    mailer,
    clock,
    baseUrl: config.baseUrl,
  });
  const admin = adminService({
    store: adminStore(database.db),
    outbox: outboxStore(database.db),
    roles,
    accounts,
    clock,
    baseUrl: config.baseUrl,
  });
  const transparency = transparencyService(database, clock);
  const processes = processesService({ store: processesStore(database.db), clock });
  const search = searchService({ sql: searchSql(database) });
  const attachmentRecords = attachmentsStore(database.db);
  const consultations = consultationsService({
    store: consultationsStore(database.db),
    processes,
    transparency,
    transaction: database.transaction,
    clock,
    index: search.index,
  });
  const accreditation = accreditationService({
    store: accreditationStore(database.db),
    organisations: orgStore,
    transparency,
    transaction: database.transaction,
    clock,
  });
  const apiTokens = apiTokensService({ store: apiTokenRecords, accounts, roles, clock });
  const submissionRecords = submissionsStore(database.db);
  const submissions = submissionsService({
    store: submissionRecords,
    consultations,
    organisations: orgStore,
    accreditation,
    accounts,
    transparency,
    transaction: database.transaction,
    mail: submissionMail,
    clock,
    baseUrl: config.baseUrl,
    attachments: attachmentRecords,
    index: search.index,
  });
  // Started with the first upload, not here (cleaning-pool.ts); build-app closes it with the app.
  const cleaning = cleaningPool(config.cleaning);
  const attachments = attachmentsService({
    store: attachmentRecords,
    files: fileStorage(config.dataDir),
    submissions,
    consultations,
    clock,
    cleaner: cleaning,
    maxSubmissionBytes: config.limits.uploadBytesPerSubmission,
  });
  const deliberation = deliberationFeature({
    db: database.db,
    consultations,
    accounts,
    jobs,
    clock,
    baseUrl: config.baseUrl,
    eligibility: (actor, consultation) => submissions.participation(actor, consultation),
  });
  const openData = openDataService({
    processes,
    consultations,
    submissions,
    clock,
    baseUrl: config.baseUrl,
  });
  const reportRecords = reportsStore(database.db);
  const reports = reportsService({
    store: reportRecords,
    composer: reportComposer({
      store: reportRecords,
      consultations,
      submissions,
      clock,
      provider: config.synthesisProvider,
    }),
    consultations,
    transparency,
    transaction: database.transaction,
    jobs,
    clock,
    providerConfigured: config.synthesisProvider !== undefined,
  });
  const coding = codingService({
    store: codingStore(database.db),
    consultations,
    submissions,
    clock,
    jobs,
    reports,
    provider: config.synthesisProvider,
  });
  const responses = responsesService({
    store: responsesStore(database.db),
    consultations,
    submissions,
    reports,
    transparency,
    transaction: database.transaction,
    mail: submissionMail,
    clock,
    baseUrl: config.baseUrl,
  });
  const reminders = deadlineReminders({
    store: submissionRecords,
    mailer,
    clock,
    baseUrl: config.baseUrl,
  });
  const activity = organisationActivity({ store: submissionRecords, organisations: orgStore });
  return {
    config,
    database,
    db: database.db,
    clock,
    mailer,
    hasher,
    jobs,
    roles,
    accounts,
    organisations,
    admin,
    transparency,
    processes,
    consultations,
    accreditation,
    submissions,
    organisationActivity: activity,
    reminders,
    search,
    attachments,
    cleaning,
    openData,
    apiTokens,
    deliberation,
    reports,
    coding,
    responses,
  };
}

export type Services = ReturnType<typeof createServices>;
