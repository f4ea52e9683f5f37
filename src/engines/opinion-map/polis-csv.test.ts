import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeOpinionMap } from './opinion-map.ts';
import {
  PolisFormatError,
  parsePolisComments,
  polisToOpinionMapInput,
  readPolisConversation,
} from './polis-csv.ts';
import {
  writePolisComments,
  writePolisParticipantsVotes,
  writePolisSummary,
  writePolisVotes,
} from './polis-csv-writer.ts';
import { readPolisFile } from './testing/polis-data.ts';

describe('Pol.is export reader', () => {
  test('when only votes.csv is there, then the latest votes give the same map as participants-votes.csv', () => {
    const name = 'brexit-consensus';
    const comments = readPolisFile(name, 'comments.csv');
    const fromMatrix = readPolisConversation({
      comments,
      participantsVotes: readPolisFile(name, 'participants-votes.csv'),
    });
    const fromHistory = readPolisConversation({
      comments,
      votes: readPolisFile(name, 'votes.csv'),
    });
    assert.ok(
      fromHistory.votes.length > fromMatrix.votes.length,
      'votes.csv should hold a history',
    );
    const a = computeOpinionMap(polisToOpinionMapInput(fromMatrix));
    const b = computeOpinionMap(polisToOpinionMapInput(fromHistory));
    const byId = (r: typeof a) => new Map(r.participants.map((p) => [p.id, p]));
    assert.deepEqual(byId(b), byId(a));
  });

  test('reads both comments.csv layouts', () => {
    const extended = parsePolisComments(readPolisFile('bg2050-volunteers', 'comments.csv'));
    assert.equal(extended.length, 371);
    assert.ok(
      extended.every(
        (c) => typeof c.groupInformedConsensus === 'number' && c.datetime === undefined,
      ),
    );
    const standard = parsePolisComments(readPolisFile('vtaiwan.uberx', 'comments.csv'));
    assert.equal(standard.filter((c) => c.moderated === 0).length, 20);
    assert.ok(
      standard.every((c) => c.groupInformedConsensus === undefined && c.datetime !== undefined),
    );
  });

  const bad: Array<
    [string, { comments: string; participantsVotes?: string; votes?: string }, RegExp]
  > = [
    [
      'an unclosed quote',
      { comments: 'comment-id,author-id,moderated,comment-body\n1,2,1,"oops\n', votes: '' },
      /comments\.csv: Quote Not Closed/,
    ],
    [
      'a missing column',
      { comments: 'comment-id,author-id,comment-body\n1,2,x\n', votes: '' },
      /missing column moderated/,
    ],
    [
      'a bad moderation value',
      { comments: 'comment-id,author-id,moderated,comment-body\n1,2,7,x\n', votes: '' },
      /moderated must be/,
    ],
    [
      'a bad vote',
      {
        comments: 'comment-id,author-id,moderated,comment-body\n1,2,1,x\n',
        participantsVotes:
          'participant,group-id,n-comments,n-votes,n-agree,n-disagree,1\n0,,0,1,1,0,2\n',
      },
      /expected a vote of 1, -1 or 0/,
    ],
    [
      'a vote on an unknown comment',
      {
        comments: 'comment-id,author-id,moderated,comment-body\n1,2,1,x\n',
        votes: 'timestamp,comment-id,voter-id,vote\n5,9,0,1\n',
      },
      /comment 9, which comments\.csv lacks/,
    ],
    [
      'no vote file',
      { comments: 'comment-id,author-id,moderated,comment-body\n1,2,1,x\n' },
      /neither participants-votes\.csv nor votes\.csv/,
    ],
    [
      'a strange participants header',
      {
        comments: 'comment-id,author-id,moderated,comment-body\n1,2,1,x\n',
        participantsVotes: 'who,1\n0,1\n',
      },
      /expected a header/,
    ],
  ];
  for (const [what, files, message] of bad) {
    test(`when the export has ${what}, then the error says so`, () => {
      assert.throws(
        () => readPolisConversation(files),
        (e: unknown) => e instanceof PolisFormatError && message.test(e.message),
      );
    });
  }
});

describe('Pol.is export writer', () => {
  test('quotes only what needs it', () => {
    assert.equal(
      writePolisSummary([
        ['topic', 'Why, "us"?'],
        ['voters', 3],
      ]),
      'topic,"Why, ""us""?"\nvoters,3\n',
    );
  });

  for (const name of ['bg2050-volunteers', 'scoop-hivemind.biodiversity']) {
    test(`${name}: reading what we write gives back the conversation`, () => {
      const original = readPolisConversation({
        comments: readPolisFile(name, 'comments.csv'),
        participantsVotes: readPolisFile(name, 'participants-votes.csv'),
      });
      const again = readPolisConversation({
        comments: writePolisComments(original.comments),
        participantsVotes: writePolisParticipantsVotes(original),
      });
      assert.deepEqual(again.comments, original.comments);
      assert.deepEqual(again.participants, original.participants);
      const key = (v: { participantId: string; statementId: string }) =>
        `${v.participantId}/${v.statementId}`;
      assert.deepEqual(
        new Map(again.votes.map((v) => [key(v), v.vote])),
        new Map(original.votes.map((v) => [key(v), v.vote])),
      );
    });
  }

  test('votes.csv round-trips with its history, and participants-votes keeps the latest', () => {
    const history = readPolisConversation({
      comments: readPolisFile('brexit-consensus', 'comments.csv'),
      votes: readPolisFile('brexit-consensus', 'votes.csv'),
    });
    const again = readPolisConversation({
      comments: writePolisComments(history.comments),
      votes: writePolisVotes(history.votes),
    });
    assert.deepEqual(again.votes, history.votes);
    const matrix = readPolisConversation({
      comments: readPolisFile('brexit-consensus', 'comments.csv'),
      participantsVotes: writePolisParticipantsVotes(history),
    });
    const expected = readPolisFile('brexit-consensus', 'participants-votes.csv')
      .split('\n')
      .slice(1)
      .filter(Boolean);
    assert.equal(matrix.participants.length, expected.length);
    assert.equal(matrix.votes.length, 5303);
  });
});
