// A command's change and its transparency-log entry commit together or not at all: with the log
// append made to fail (a trigger on the real database), every route whose command logs answers
// with an error and changes nothing; and concurrent commands keep the hash chain intact.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../shared/actor.ts';
import {
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { person, reportFixture, signIn, type ReportFixture } from '../reports/reports.fixtures.ts';

async function failingLogAppends(
  t: TestApp,
  request: () => Promise<{ statusCode: number }>,
): Promise<void> {
  const db = t.db();
  if (t.dialect === 'postgres') {
    await sql`create function fail_log_append() returns trigger language plpgsql as $$ begin raise exception 'log append failed'; end $$`.execute(
      db,
    );
    await sql`create trigger fail_log_append before insert on transparency_log for each row execute function fail_log_append()`.execute(
      db,
    );
  } else {
    await sql`create trigger fail_log_append before insert on transparency_log begin select raise(abort, 'log append failed'); end`.execute(
      db,
    );
  }
  try {
    assert.equal((await request()).statusCode, 500);
  } finally {
    await sql`drop trigger fail_log_append${t.dialect === 'postgres' ? sql` on transparency_log` : sql``}`.execute(
      db,
    );
    if (t.dialect === 'postgres') await sql`drop function fail_log_append()`.execute(db);
  }
}

for (const dialect of testDialects()) {
  describe(`a command and its transparency-log entry (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    let secretariat: Actor;
    let office: TestClient;
    let draftCounter = 0;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'atomic', count: 3 });
      secretariat = f.secretariat;
      office = await signIn(t, f.secretariatEmail);
    });
    after(() => t.close());

    const logSize = async () =>
      Number(
        (
          await t
            .db()
            .selectFrom('transparency_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const status = async (id: string) =>
      (
        await t
          .db()
          .selectFrom('submissions')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    async function submitted(): Promise<string> {
      const author = await person(
        t,
        `atomic-late-${++draftCounter}@example.org`,
        `Late ${draftCounter}`,
      );
      const s = await t.services.submissions.submit(author, f.slug, {
        idempotencyKey: `late-${draftCounter}`,
        language: 'en',
        freeText: 'Keep the network on during elections.',
        answers: [],
      });
      return s.id;
    }

    test('when the log append fails, then publishing or closing a consultation changes nothing', async () => {
      const c = await t.services.consultations.createConsultation(
        secretariat,
        (
          await t.services.processes.findById(
            (await t.services.consultations.load(f.slug)).processId,
          )
        )?.slug ?? '',
        {
          title: 'Atomic Draft',
          context: '',
          languages: ['en'],
          eligibility: 'open',
          rule: 'attributed',
          opensAtLocal: '2020-01-01T00:00',
          closesAtLocal: '2999-01-01T00:00',
          timeZone: 'UTC',
        },
      );
      await t.services.consultations.saveQuestions(secretariat, c.slug, [
        { text: 'Why?', help: '' },
      ]);
      const entries = await logSize();
      await failingLogAppends(t, () => office.post(`/consultations/${c.slug}/publish`));
      assert.equal((await t.services.consultations.load(c.slug)).publishedAt, null);
      await t.services.consultations.publishConsultation(secretariat, c.slug);
      const open = await t.services.consultations.load(c.slug);
      await failingLogAppends(t, () =>
        office.post(`/consultations/${c.slug}/phase`, { phase: 'closed' }),
      );
      assert.deepEqual(await t.services.consultations.load(c.slug), open);
      assert.equal(await logSize(), entries + 1);
    });

    test('when the log append fails, then publishing, rejecting or withdrawing a submission changes nothing', async () => {
      const entries = await logSize();
      const pending = await submitted();
      await failingLogAppends(t, () =>
        office.post(`/consultations/${f.slug}/moderation/${pending}`, { action: 'publish' }),
      );
      assert.equal(await status(pending), 'submitted');
      await failingLogAppends(t, () =>
        office.post(`/consultations/${f.slug}/moderation/${pending}`, {
          action: 'reject',
          category: 'off_topic',
          note: '',
        }),
      );
      assert.equal(await status(pending), 'submitted');
      const published = f.submissionIds[2] ?? '';
      const author = await signIn(t, (f.authors[2] as Actor).user?.email ?? '');
      await failingLogAppends(t, () => author.post(`/my/submissions/${published}/withdraw`));
      assert.equal(await status(published), 'published');
      assert.equal(await logSize(), entries);
    });

    test('when the log append fails, then deciding an accreditation changes nothing', async () => {
      const owner = f.authors[1] as Actor;
      const org = await t.services.organisations.createOrganisation(owner, {
        name: 'Atomic Trust',
        stakeholderGroup: 'civil_society',
        country: null,
        website: null,
        description: '',
      });
      const processId = (await t.services.consultations.load(f.slug)).processId;
      await t.services.accreditation.requestAccreditation(
        owner,
        processId,
        org.slug,
        'We work on this.',
      );
      const request = await t
        .db()
        .selectFrom('accreditations')
        .select(['id', 'status'])
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      const processSlug = (await t.services.processes.findById(processId))?.slug ?? '';
      await failingLogAppends(t, () =>
        office.post(`/processes/${processSlug}/accreditations/${request.id}/decide`, {
          decision: 'accepted',
          reason: '',
        }),
      );
      assert.equal(
        (
          await t
            .db()
            .selectFrom('accreditations')
            .select('status')
            .where('id', '=', request.id)
            .executeTakeFirstOrThrow()
        ).status,
        'pending',
      );
    });

    test('when the log append fails, then publishing a report or recording a response changes nothing', async () => {
      await t.services.reports.requestDraft(secretariat, f.slug);
      await t.worker.drain();
      await failingLogAppends(t, () => office.post(`/consultations/${f.slug}/report/publish`));
      assert.equal(await t.services.reports.hasPublished(f.consultationId), false);
      await t.services.reports.publish(secretariat, f.slug);
      const submission = f.submissionIds[0] ?? '';
      await failingLogAppends(t, () =>
        office.post(`/consultations/${f.slug}/responses/manage/${submission}`, {
          outcome: 'taken_up',
          explanation: 'Adopted.',
        }),
      );
      assert.equal(
        await t
          .db()
          .selectFrom('submission_responses')
          .select('submission_id')
          .where('submission_id', '=', submission)
          .executeTakeFirst(),
        undefined,
      );
    });

    test('when many logged commands run at once, then each gets its entry and the chain holds', async () => {
      const entries = await logSize();
      const pending = await Promise.all(Array.from({ length: 8 }, () => submitted()));
      await Promise.all([
        ...pending.map((id) =>
          t.services.submissions.moderate(secretariat, id, { action: 'publish' }),
        ),
        ...Array.from({ length: 12 }, (_, i) =>
          t.services.transparency.append('report_published', 'consultation', f.slug, {
            version: 100 + i,
          }),
        ),
      ]);
      assert.equal(await logSize(), entries + 20);
      assert.deepEqual(await t.services.transparency.verify(), { ok: true, count: entries + 20 });
    });
  });
}
