// Deadline reminders: when a consultation closes within two days, people with an unfinished
// draft get one e-mail (unless they opted out). Sent reminders are recorded so each goes once.
import type { Clock } from '../../shared/clock.ts';
import { dateTimeIn } from '../../ui/consultation-labels.ts';
import { translator } from '../../i18n/i18n.ts';
import { isLocale } from '../../i18n/locales.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { SubmissionsStore } from './submissions.store.ts';

export const REMINDER_WINDOW_MS = 48 * 3600 * 1000;
const KIND = 'deadline_48h';

/** The deadline in the reader's language and the consultation's time zone, the zone named. */
export function deadlineText(locale: string, closesAt: string, timeZone: string): string {
  return `${dateTimeIn(locale, closesAt, timeZone)} (${timeZone})`;
}

export function deadlineReminders(deps: {
  store: SubmissionsStore;
  mailer: Mailer;
  clock: Clock;
  baseUrl: string;
}) {
  const { store, mailer, clock, baseUrl } = deps;

  return async function sendDueReminders(): Promise<{ sent: number }> {
    const now = clock.now();
    const soon = new Date(now.getTime() + REMINDER_WINDOW_MS).toISOString();
    const due = await store.dueReminders(KIND, now.toISOString(), soon);
    const seen = new Set<string>();
    let sent = 0;
    for (const row of due) {
      const key = `${row.consultationId}:${row.userId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const locale = isLocale(row.locale) ? row.locale : 'en';
      const t = translator(locale);
      await mailer.send({
        to: row.email,
        subject: t('mail.reminder.subject', { consultation: row.title }),
        text: t('mail.reminder.body', {
          consultation: row.title,
          deadline: deadlineText(locale, row.closesAt, row.timeZone),
          link: `${baseUrl}/my/submissions`,
          optOut: `${baseUrl}/my/notifications`,
        }),
      });
      await store.recordReminder(KIND, row.consultationId, row.userId, now.toISOString());
      sent++;
    }
    return { sent };
  };
}
