// Mail about one submission. Under the `anonymous` rule the secretariat must not learn who wrote
// what, and sent mail is readable by operators (the outbox, a relay's logs): such mail names the
// consultation only, with no title, excerpt, id, outcome or link of the submission, and points to
// the author's own signed-in page, which only they can open.
import type { Translate } from '../../i18n/i18n.ts';

export interface SubmissionMail {
  subject: string;
  text: string;
}

/** The mail to send: `full` under attributed and chatham_house, a contentless notice otherwise. */
export function submissionMail(
  t: Translate,
  consultation: { title: string; rule: string },
  baseUrl: string,
  full: () => SubmissionMail,
): SubmissionMail {
  if (consultation.rule !== 'anonymous') return full();
  return {
    subject: t('mail.anonymous.subject', { consultation: consultation.title }),
    text: t('mail.anonymous.body', {
      consultation: consultation.title,
      link: `${baseUrl}/my/submissions`,
    }),
  };
}
