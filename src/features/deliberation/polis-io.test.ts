// Import and export in the Pol.is open-data layout, on a real Pol.is conversation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  parsePolisComments,
  parsePolisParticipantsVotes,
  parsePolisVotes,
  readPolisConversation,
} from '../../engines/opinion-map/index.ts';
import { readPolisFile } from '../../engines/opinion-map/testing/polis-data.ts';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { openConversation } from './deliberation.fixtures.ts';

const NAME = 'bg2050-volunteers';
const cells = (votes: Array<{ participantId: string; statementId: string; vote: number }>) =>
  votes.map((v) => `${v.participantId}:${v.statementId}:${v.vote}`).sort();

async function download(client: TestClient, slug: string, file: string): Promise<string> {
  const response = await client.get(`/consultations/${slug}/conversation/export/${file}`);
  assert.equal(response.statusCode, 200, file);
  assert.match(
    String(response.headers['content-disposition']),
    new RegExp(`attachment; filename="${file}"`),
  );
  return response.body;
}

for (const dialect of testDialects()) {
  describe(`Pol.is import and export (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when a real Pol.is conversation is imported and exported, then statements and latest votes come back unchanged', async () => {
      const target = await openConversation(t, {
        title: 'Imported from Pol.is',
        withConversation: false,
      });
      const source = readPolisConversation({
        comments: readPolisFile(NAME, 'comments.csv'),
        votes: readPolisFile(NAME, 'votes.csv'),
      });
      const { facilitation, participation } = t.services.deliberation;
      const imported = await facilitation.importForOperator(target.slug, source, {
        topic: 'BG 2050',
        description: '',
      });
      assert.equal(imported.statements, source.comments.length);
      await participation.recompute(imported.conversationId);

      const facilitator = await signedInClient(
        t,
        'facilitator.polis@example.org',
        'facilitator pass 1',
        'Facilitator',
      );
      const user = await t.services.accounts.findUserByEmail('facilitator.polis@example.org');
      await t.services.roles.grant({
        userId: user?.id ?? '',
        role: 'facilitator',
        scopeType: 'consultation',
        scopeId: target.consultationId,
        grantedBy: null,
        now: new Date().toISOString(),
      });
      const comments = parsePolisComments(await download(facilitator, target.slug, 'comments.csv'));
      const original = parsePolisComments(readPolisFile(NAME, 'comments.csv'));
      // Pol.is's own agree/disagree columns count votes we do not have (its files disagree with
      // each other by a vote or two), so the counts are checked against the exported votes below.
      const shape = (c: (typeof original)[number]) => [
        c.id,
        c.authorId,
        c.moderated,
        c.body,
        c.isSeed ?? false,
      ];
      const byId = (a: (typeof original)[number], b: (typeof original)[number]) =>
        Number(a.id) - Number(b.id);
      assert.deepEqual([...comments].sort(byId).map(shape), [...original].sort(byId).map(shape));
      assert.ok(
        comments
          .filter((c) => c.moderated !== -1)
          .every((c) => typeof c.groupInformedConsensus === 'number'),
        'our consensus figure is exported',
      );

      const exportedLatest = parsePolisParticipantsVotes(
        await download(facilitator, target.slug, 'participants-votes.csv'),
      );
      const originalLatest = parsePolisParticipantsVotes(
        readPolisFile(NAME, 'participants-votes.csv'),
      );
      assert.deepEqual(
        cells(exportedLatest.votes),
        cells(originalLatest.votes),
        'the latest vote of every participant on every statement',
      );
      for (const c of comments) {
        const on = exportedLatest.votes.filter((v) => v.statementId === c.id);
        assert.deepEqual(
          [c.agrees, c.disagrees],
          [on.filter((v) => v.vote === 1).length, on.filter((v) => v.vote === -1).length],
          `counts of comment ${c.id}`,
        );
      }
      const history = parsePolisVotes(await download(facilitator, target.slug, 'votes.csv'));
      assert.equal(history.length, originalLatest.votes.length, 'votes.csv holds the latest votes');
      assert.ok(
        history.every((v) => (v.timestamp ?? 0) % (24 * 3600 * 1000) !== 0),
        'an attributed consultation keeps exact times',
      );
      const summary = await download(facilitator, target.slug, 'summary.csv');
      assert.match(summary, /^topic,BG 2050$/m);
      assert.match(summary, /^comments,371$/m);
      const k = Number(/^groups,(\d+)$/m.exec(summary)?.[1]);
      const grouped = exportedLatest.participants.filter((p) => p.groupId !== null);
      assert.ok(k >= 2, 'the export names its number of opinion groups');
      assert.ok(
        grouped.length > exportedLatest.participants.length / 2,
        'participants carry their opinion group in group-id',
      );
      assert.equal(new Set(grouped.map((p) => p.groupId)).size, k);
    });

    test('when an export is imported again, then exporting it gives the same files', async () => {
      const first = await openConversation(t, {
        title: 'Round trip one',
        rule: 'chatham_house',
        withConversation: false,
      });
      const second = await openConversation(t, {
        title: 'Round trip two',
        rule: 'chatham_house',
        withConversation: false,
      });
      const { facilitation } = t.services.deliberation;
      await facilitation.importForOperator(
        first.slug,
        readPolisConversation({
          comments: readPolisFile(NAME, 'comments.csv'),
          participantsVotes: readPolisFile(NAME, 'participants-votes.csv'),
        }),
        { topic: 'BG', description: '' },
      );
      const once = await facilitation.exportForOperator(first.slug);
      assert.ok(
        parsePolisVotes(once['votes.csv']).every(
          (v) => (v.timestamp ?? 0) % (24 * 3600 * 1000) === 0,
        ),
        'Chatham House exports keep only the day',
      );
      await facilitation.importForOperator(
        second.slug,
        readPolisConversation({ comments: once['comments.csv'], votes: once['votes.csv'] }),
        { topic: 'BG', description: '' },
      );
      const twice = await facilitation.exportForOperator(second.slug);
      assert.equal(twice['comments.csv'], once['comments.csv']);
      assert.equal(twice['participants-votes.csv'], once['participants-votes.csv']);
      assert.equal(twice['votes.csv'], once['votes.csv']);
      await assert.rejects(
        facilitation.importForOperator(
          first.slug,
          readPolisConversation({ comments: once['comments.csv'], votes: once['votes.csv'] }),
          { topic: '', description: '' },
        ),
        /already has a conversation/,
      );
    });

    test('when statements start like spreadsheet formulas, then every exported CSV neutralises them, votes stay numbers, and importing the export gives them back unchanged', async () => {
      const BODIES = [
        '=HYPERLINK("http://evil.example","x")',
        "+cmd|' /C calc'!A0",
        '@SUM(1+1)',
        '-2+3',
        ' =1+1',
        "'=already quoted",
        'Plain, "quoted" text',
      ];
      const target = await openConversation(t, { title: 'Formulas', withConversation: false });
      const { facilitation } = t.services.deliberation;
      await facilitation.importForOperator(
        target.slug,
        {
          comments: BODIES.map((body, i) => ({
            id: String(i),
            authorId: '0',
            timestamp: 0,
            agrees: 0,
            disagrees: 0,
            moderated: 1,
            body,
          })),
          participants: [
            { id: '0', groupId: null, xid: '=xid()' },
            { id: '1', groupId: null },
          ],
          votes: BODIES.map((_, i) => ({
            participantId: String(i % 2),
            statementId: String(i),
            vote: -1 as const,
            timestamp: 0,
          })),
        },
        { topic: '=topic()', description: '@description' },
      );
      const facilitator = await signedInClient(
        t,
        'formula.facilitator@example.org',
        'facilitator pass 2',
        'Facilitator',
      );
      const user = await t.services.accounts.findUserByEmail('formula.facilitator@example.org');
      await t.services.roles.grant({
        userId: user?.id ?? '',
        role: 'facilitator',
        scopeType: 'consultation',
        scopeId: target.consultationId,
        grantedBy: null,
        now: new Date().toISOString(),
      });
      const files: Record<string, string> = {};
      for (const file of ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv'])
        files[file] = await download(facilitator, target.slug, file);
      for (const [file, text] of Object.entries(files))
        for (const line of text.split('\n'))
          for (const cell of line.split(','))
            assert.doesNotMatch(
              cell,
              /^"?\s*[=+@]|^"?-(?!\d+$)/,
              `${file}: ${cell} would run as a formula`,
            );
      assert.match(files['comments.csv']!, /,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)"\n/);
      assert.match(files['comments.csv']!, /,"''=already quoted"\n/);
      assert.match(files['summary.csv']!, /^topic,"'=topic\(\)"$/m);
      assert.ok(
        parsePolisVotes(files['votes.csv']!).every((v) => v.vote === -1),
        'a -1 vote is written as the number -1',
      );
      assert.match(files['votes.csv']!, /,-1\n/);

      const back = readPolisConversation({
        comments: files['comments.csv']!,
        votes: files['votes.csv']!,
      });
      assert.deepEqual(
        back.comments.map((c) => c.body).sort(),
        [...BODIES].sort(),
        'the reader undoes exactly the neutralisation',
      );
      const again = await openConversation(t, { title: 'Formulas again', withConversation: false });
      await facilitation.importForOperator(again.slug, back, { topic: 'x', description: '' });
      assert.equal(
        (await facilitation.exportForOperator(again.slug))['comments.csv'],
        files['comments.csv'],
      );
    });

    test('when someone who does not run the consultation asks for an export, then it is refused', async () => {
      const c = await openConversation(t, { title: 'Export guarded', seeds: ['One statement.'] });
      assert.equal(
        (await t.client().get(`/consultations/${c.slug}/conversation/export/votes.csv`)).statusCode,
        303,
      );
      const stranger = await signedInClient(
        t,
        'stranger.polis@example.org',
        'stranger pass 1',
        'Stranger',
      );
      assert.equal(
        (await stranger.get(`/consultations/${c.slug}/conversation/export/votes.csv`)).statusCode,
        403,
      );
    });
  });
}
