// Mail about one submission. Under the `anonymous` rule the secretariat must not learn who wrote
// what, and sent mail is readable by operators (the outbox, a relay's logs): such mail names the
// consultation only, with no title, excerpt, id, outcome or link of the submission, and points to
// the author's own signed-in page, which only they can open.
//
// Its time links too: a receipt sent the minute a text arrives, beside the minute the secretariat
// sees the text arrive, ties an address to a text. So mail under `anonymous` is queued, not sent:
// it leaves in a daily batch (the next UTC midnight plus a random delay of up to an hour), and
// the job keeps nothing that links once it has run.
import { translator, type Translate } from '../../i18n/i18n.ts';
import { isLocale } from '../../i18n/locales.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { JobRegistry } from '../../jobs/worker.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Clock } from '../../shared/clock.ts';

export interface SubmissionMail {
  subject: string;
  text: string;
}

export const ANONYMOUS_MAIL_JOB = 'submissions.anonymous-mail';

/** All an anonymous notice needs: who receives it, about which consultation, in which language. */
interface AnonymousMailPayload {
  to: string;
  consultationId: string;
  locale: string;
}

const BATCH_SPREAD_MS = 60 * 60_000;

/** The mail to send: `full` under attributed and chatham_house, a contentless notice otherwise. */
export function submissionMail(
  t: Translate,
  consultation: { title: string; rule: string },
  baseUrl: string,
  full: () => SubmissionMail,
): SubmissionMail {
  return consultation.rule === 'anonymous'
    ? anonymousNotice(t, consultation.title, baseUrl)
    : full();
}

function anonymousNotice(t: Translate, consultation: string, baseUrl: string): SubmissionMail {
  return {
    subject: t('mail.anonymous.subject', { consultation }),
    text: t('mail.anonymous.body', { consultation, link: `${baseUrl}/my/submissions` }),
  };
}

/** When a notice queued at `now` leaves: the next UTC midnight plus up to an hour, at random. */
export function anonymousBatchTime(now: Date, random: () => number = Math.random): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return new Date(midnight + Math.floor(random() * BATCH_SPREAD_MS));
}

export interface SubmissionMailerDeps {
  mailer: Mailer;
  jobs: JobQueue;
  clock: Clock;
}

/** Sends mail about a submission now, or under `anonymous` queues its notice for the batch. */
export function submissionMailer({ mailer, jobs, clock }: SubmissionMailerDeps) {
  return {
    async send(
      recipient: { email: string; locale: string | null | undefined },
      consultation: { id: string; title: string; rule: string },
      full: (t: Translate) => SubmissionMail,
    ): Promise<void> {
      const locale = isLocale(recipient.locale) ? recipient.locale : 'en';
      if (consultation.rule !== 'anonymous') {
        await mailer.send({ to: recipient.email, ...full(translator(locale)) });
        return;
      }
      const payload: AnonymousMailPayload = {
        to: recipient.email,
        consultationId: consultation.id,
        locale,
      };
      await jobs.enqueue(ANONYMOUS_MAIL_JOB, payload, {
        runAt: anonymousBatchTime(clock.now()),
        forgetful: true,
      });
    },
  };
}

export type SubmissionMailer = ReturnType<typeof submissionMailer>;

/** The job that sends the queued notices, written as it leaves (the title may have changed). */
export function anonymousMailJobs(deps: {
  mailer: Mailer;
  baseUrl: string;
  consultationById: (id: string) => Promise<{ title: string } | undefined>;
}): JobRegistry {
  return {
    [ANONYMOUS_MAIL_JOB]: {
      personal: true,
      async handle({ payload }) {
        const { to, consultationId, locale } = payload as AnonymousMailPayload;
        const consultation = await deps.consultationById(consultationId);
        if (!consultation) return null;
        const t = translator(isLocale(locale) ? locale : 'en');
        await deps.mailer.send({ to, ...anonymousNotice(t, consultation.title, deps.baseUrl) });
        return null;
      },
    },
  };
}
