// Outgoing mail. With SMTP_URL set, mail goes through SMTP (nodemailer); otherwise it lands in
// the development outbox, which an instance admin reads in the browser at /admin/outbox.
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import type { Clock } from '../shared/clock.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(mail: Mail): Promise<void>;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

export function outboxMailer(db: Kysely<DB>, clock: Clock): Mailer {
  return {
    kind: 'outbox',
    async send(mail) {
      await db
        .insertInto('mail_outbox')
        .values({
          id: newId(),
          to_address: mail.to,
          subject: mail.subject,
          body_text: mail.text,
          created_at: clock.now().toISOString(),
        })
        .execute();
    },
  };
}

export function outboxStore(db: Kysely<DB>) {
  return {
    async list(limit: number) {
      return db
        .selectFrom('mail_outbox')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type OutboxStore = ReturnType<typeof outboxStore>;
