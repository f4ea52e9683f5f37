// The streaming reader gives exactly what the whole-file parser gives, whatever the chunk sizes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PolisFormatError,
  parsePolisComments,
  parsePolisParticipantsVotes,
  parsePolisVotes,
  type PolisComment,
} from './polis-csv.ts';
import { PolisVotesReader, type PolisVotesFile, type PolisVotesTable } from './polis-stream.ts';
import type { VoteRecord } from './types.ts';
import { POLIS_CONVERSATIONS, readPolisFile } from './testing/polis-data.ts';

function stream(
  file: PolisVotesFile,
  comments: PolisComment[],
  bytes: Uint8Array,
  chunkSizes: number[],
): PolisVotesTable {
  const reader = new PolisVotesReader(file, comments, 4);
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = chunkSizes[i % chunkSizes.length]!;
    reader.push(bytes.subarray(at, at + size));
    at += size;
  }
  return reader.finish();
}

function records(table: PolisVotesTable, comments: PolisComment[]): VoteRecord[] {
  const { participant, statement, vote, timestamp } = table.votes;
  return Array.from(vote, (v, i) => {
    const record: VoteRecord = {
      participantId: table.participants[participant[i]!]!.id,
      statementId: comments[statement[i]!]!.id,
      vote: v as VoteRecord['vote'],
    };
    if (timestamp) record.timestamp = timestamp[i]!;
    return record;
  });
}

/** Both readers on one file: the same result, or both a PolisFormatError. */
function assertSame(file: PolisVotesFile, comments: PolisComment[], text: string, sizes: number[]) {
  let expected: { participants: unknown; votes: VoteRecord[] } | Error;
  try {
    if (file === 'votes.csv') {
      const votes = parsePolisVotes(text);
      const known = new Set(comments.map((c) => c.id));
      const stray = votes.find((v) => !known.has(v.statementId));
      if (stray) throw new PolisFormatError(`stray ${stray.statementId}`);
      const participants = [...new Set(votes.map((v) => v.participantId))].map((id) => ({
        id,
        groupId: null,
      }));
      expected = { participants, votes };
    } else {
      expected = parsePolisParticipantsVotes(text);
      const known = new Set(comments.map((c) => c.id));
      const stray = expected.votes.find((v) => !known.has(v.statementId));
      if (stray) throw new PolisFormatError(`stray ${stray.statementId}`);
    }
  } catch (error) {
    assert.ok(error instanceof PolisFormatError, String(error));
    expected = error;
  }
  const bytes = new TextEncoder().encode(text);
  if (expected instanceof Error) {
    assert.throws(() => stream(file, comments, bytes, sizes), PolisFormatError);
    return;
  }
  const table = stream(file, comments, bytes, sizes);
  assert.deepEqual(table.participants, expected.participants);
  assert.deepEqual(records(table, comments), expected.votes);
}

describe('streaming Pol.is votes', () => {
  test('on the five public conversations, both files read in odd chunk sizes give the whole-file result', () => {
    for (const name of POLIS_CONVERSATIONS) {
      const comments = parsePolisComments(readPolisFile(name, 'comments.csv'));
      for (const file of ['votes.csv', 'participants-votes.csv'] as const) {
        const text = readPolisFile(name, file);
        assertSame(file, comments, text, [65_536]);
        assertSame(file, comments, text, [1, 7, 4093, 2]);
      }
    }
  });

  const comments = parsePolisComments(
    'comment-id,author-id,moderated,comment-body\n0,1,1,a\n1,1,1,b\n17,2,-1,c\n007,2,1,d\n"x,y",2,1,e\n',
  );

  test('when a chunk ends inside a quoted field or a number, at every position, then nothing changes', () => {
    const text =
      '\ufefftimestamp,datetime,comment-id,voter-id,vote\r\n' +
      '1435654192085,"Tue, Jun ""30""\r\n 2015",17,12,1\r\n' +
      '1435654192090,plain,"x,y",p-é,-1\r\n' +
      '1435654192091,,007,12,0\r\n' +
      '1435654192092,"",1,"0012",1';
    const bytes = new TextEncoder().encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      assertSame('votes.csv', comments, text, [cut || 1, bytes.length]);
    }
  });

  const id = fc.oneof(
    fc.constantFrom('0', '1', '17', '007', 'x,y'),
    fc.stringMatching(/^[0-9a-z",é\n]{1,5}$/),
  );
  const cell = (value: fc.Arbitrary<string>) =>
    fc.tuple(value, fc.boolean()).map(([v, quoted]) => {
      const needsQuotes = /[",\n\r]/.test(v) || v.startsWith('"');
      return quoted || needsQuotes ? `"${v.replaceAll('"', '""')}"` : v;
    });
  const vote = fc.constantFrom('1', '-1', '0');
  const eol = fc.constantFrom('\n', '\r\n');
  const sizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 });

  test('property: a random votes.csv, cut into random chunks, reads as the whole-file parser reads it', () => {
    const row = fc
      .tuple(fc.integer({ min: 0, max: 2e12 }), fc.string(), id, id, vote)
      .chain(([t, datetime, comment, voter, v]) =>
        fc.tuple(
          cell(fc.constant(String(t))),
          cell(fc.constant(datetime)),
          cell(fc.constant(comment)),
          cell(fc.constant(voter)),
          cell(fc.constant(v)),
        ),
      );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        eol,
        fc.boolean(),
        sizes,
        (rows, end, last, chunks) => {
          const lines = [
            'timestamp,datetime,comment-id,voter-id,vote',
            ...rows.map((r) => r.join(',')),
          ];
          assertSame('votes.csv', comments, lines.join(end) + (last ? end : ''), chunks);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('property: a random participants-votes.csv, cut into random chunks, reads as the whole-file parser reads it', () => {
    const row = fc.tuple(
      cell(fc.stringMatching(/^[0-9a-z]{1,3}$/)),
      cell(fc.constantFrom('', '0', '1', '2')),
      fc.array(cell(fc.constantFrom('', '', '1', '-1', '0')), { minLength: 4, maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 10 }), eol, sizes, (rows, end, chunks) => {
        const header = 'participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,17,"x,y"';
        const lines = rows.map(([p, g, votes]) => [p, g, '0', '0', '0', '0', ...votes].join(','));
        assertSame('participants-votes.csv', comments, [header, ...lines].join(end), chunks);
      }),
      { numRuns: 300 },
    );
  });

  const broken: Array<[string, PolisVotesFile, string]> = [
    ['a quote is never closed', 'votes.csv', 'timestamp,comment-id,voter-id,vote\n1,0,"2,1\n'],
    ['a row has too few fields', 'votes.csv', 'timestamp,comment-id,voter-id,vote\n1,0,2\n'],
    ['a vote is not 1, -1 or 0', 'votes.csv', 'timestamp,comment-id,voter-id,vote\n1,0,2,yes\n'],
    [
      'a timestamp is not an integer',
      'votes.csv',
      'timestamp,comment-id,voter-id,vote\n1.5,0,2,1\n',
    ],
    ['a column is missing', 'votes.csv', 'timestamp,voter-id,vote\n1,2,1\n'],
    [
      'a vote names an unknown comment',
      'votes.csv',
      'timestamp,comment-id,voter-id,vote\n1,99,2,1\n',
    ],
    [
      'text follows a closing quote',
      'votes.csv',
      'timestamp,comment-id,voter-id,vote\n1,"0"x,2,1\n',
    ],
    ['the header is not Pol.is', 'participants-votes.csv', 'who,what\n1,2\n'],
    [
      'a group is not an integer',
      'participants-votes.csv',
      'participant,group-id,n-comments,n-votes,n-agree,n-disagree,0\n1,a,0,0,0,0,1\n',
    ],
  ];
  for (const [what, file, text] of broken) {
    test(`when ${what}, then both readers refuse the file`, () => {
      assertSame(file, comments, text, [3]);
    });
  }
});
