// Deadline reminders: when a consultation closes within two days, people with an unfinished
// draft get one e-mail (unless they opted out). Sent reminders are recorded so each goes once.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateTimeFormat } from '../../i18n/formatters.ts';
import { translator } from '../../i18n/i18n.ts';
import { isLocale } from '../../i18n/locales.ts';
import type { Mailer } from '../../mail/mailer.ts';

export const REMINDER_WINDOW_MS = 48 * 3600 * 1000;
const KIND = 'deadline_48h';

/** The deadline in the reader's language and the consultation's time zone, the zone named. */
export function deadlineText(locale: string, closesAt: string, timeZone: string): string {
  const when = dateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(closesAt));
  return `${when} (${timeZone})`;
}

export function deadlineReminders(deps: { db: Kysely<DB>; mailer: Mailer; clock: Clock; baseUrl: string }) {
  const { db, mailer, clock, baseUrl } = deps;

  return async function sendDueReminders(): Promise<{ sent: number }> {
    const now = clock.now();
    const soon = new Date(now.getTime() + REMINDER_WINDOW_MS).toISOString();
    const due = await db
      .selectFrom('submissions as s')
      .innerJoin('consultations as c', 'c.id', 's.consultation_id')
      .innerJoin('users as u', 'u.id', 's.author_id')
      .leftJoin('sent_reminders as r', (join) => join.onRef('r.subject_id', '=', 'c.id').onRef('r.user_id', '=', 'u.id').on('r.kind', '=', KIND))
      .select(['c.id as consultation_id', 'c.title', 'c.slug', 'c.closes_at', 'c.time_zone', 'u.id as user_id', 'u.email', 'u.locale'])
      .where('s.status', '=', 'draft')
      .where('c.published_at', 'is not', null)
      .where('c.closes_at', '>', now.toISOString())
      .where('c.closes_at', '<=', soon)
      .where('u.reminders_opt_out_at', 'is', null)
      .where('r.user_id', 'is', null)
      .execute();
    const seen = new Set<string>();
    let sent = 0;
    for (const row of due) {
      const key = `${row.consultation_id}:${row.user_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const locale = isLocale(row.locale) ? row.locale : 'en';
      const t = translator(locale);
      await mailer.send({
        to: row.email,
        subject: t('mail.reminder.subject', { consultation: row.title }),
        text: t('mail.reminder.body', { consultation: row.title, deadline: deadlineText(locale, row.closes_at, row.time_zone), link: `${baseUrl}/my/submissions`, optOut: `${baseUrl}/my/notifications` }),
      });
      await db.insertInto('sent_reminders').values({ kind: KIND, subject_id: row.consultation_id, user_id: row.user_id, sent_at: now.toISOString() }).onConflict((oc) => oc.columns(['kind', 'subject_id', 'user_id']).doNothing()).execute();
      sent++;
    }
    return { sent };
  };
}
