// Vote ingestion through HTTP (DESIGN.md §6: ≥ 5,000 votes/s on SQLite): guests vote with the
// same JSON request vote.js sends, against the real server, on SQLite and (when reachable) on
// PostgreSQL, beside a bare "hello" route measured in the same run.
import autocannon from 'autocannon';
import { createServices } from '../src/app/services.ts';
import { loadConfig } from '../src/config/config.ts';
import { openDatabase } from '../src/db/database.ts';
import type { Actor } from '../src/shared/actor.ts';
import { utcToZoned } from '../src/shared/time-zones.ts';
import { fmt, type Bench, type BenchRow } from './bench.ts';
import { startServer, type RunningServer, freshPostgresUrl, SERVER } from './support/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const LIVE_EVENT_CONNECTIONS = 200;
const GUESTS = 200;
const STATEMENTS = 200;
const DAY = 24 * 3600 * 1000;

/** An open Chatham House consultation with a conversation that takes guests, written directly. */
async function seedConversation(server: RunningServer): Promise<string> {
  const database = openDatabase({
    databaseUrl: server.env.DATABASE_URL || undefined,
    dataDir: server.dataDir,
  });
  try {
    const services = createServices(loadConfig(server.env), database);
    const id = await services.accounts.createConfirmedUser({
      email: 'bench-sec@example.org',
      password: 'bench password 123',
      displayName: 'Bench',
    });
    const admin: Actor = {
      user: { id, email: 'bench-sec@example.org', displayName: 'Bench', emailConfirmed: true },
      grants: [{ role: 'instance_admin', scopeType: 'instance', scopeId: '' }],
    };
    const process = await services.processes.openProcess(admin, {
      title: 'Bench process',
      convener: 'Bench',
      description: 'Bench.',
      frameworks: [],
    });
    const local = (ms: number) => utcToZoned(new Date(Date.now() + ms).toISOString(), 'UTC');
    const c = await services.consultations.createConsultation(admin, process.slug, {
      title: 'Vote bench',
      context: '',
      languages: ['en'],
      eligibility: 'open',
      rule: 'chatham_house',
      opensAtLocal: local(-DAY),
      closesAtLocal: local(30 * DAY),
      timeZone: 'UTC',
    });
    await services.consultations.saveQuestions(admin, c.slug, [{ text: 'Question?', help: '' }]);
    await services.consultations.publishConsultation(admin, c.slug);
    const { facilitation } = services.deliberation;
    await facilitation.configure(admin, c.slug, {
      topic: 'Vote bench',
      description: '',
      moderation: 'after',
      allowGuests: true,
      allowStatements: true,
    });
    await facilitation.seedStatements(
      admin,
      c.slug,
      Array.from({ length: STATEMENTS }, (_, i) => `Benchmark statement number ${i}.`).join('\n'),
    );
    return c.slug;
  } finally {
    await database.close();
  }
}

interface Guest {
  cookie: string;
  token: string;
}

/** A guest as a browser makes one: the conversation page (CSRF), then the guest form (cookie). */
async function joinAsGuest(base: string): Promise<Guest> {
  const page = await fetch(base);
  const csrf = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const joined = await fetch(`${base}/guest`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf },
    body: new URLSearchParams({ _csrf: token }).toString(),
  });
  const guest = joined.headers.getSetCookie().find((c) => c.startsWith('guest='));
  if (!guest) throw new Error(`joining as a guest failed with ${joined.status}`);
  return { cookie: `${csrf}; ${guest.split(';')[0]}`, token };
}

async function votesPerSecond(server: RunningServer, slug: string, connections: number) {
  const base = `${server.url}/consultations/${slug}/conversation`;
  const guests: Guest[] = [];
  for (let i = 0; i < GUESTS; i++) guests.push(await joinAsGuest(base));
  let n = 0;
  const r = await autocannon({
    url: `${base}/votes`,
    connections,
    duration: DURATION,
    method: 'POST',
    requests: [
      {
        // Walks guest × statement pairs, so most requests are new votes and later ones changed votes.
        setupRequest: (req) => {
          const i = n++;
          const guest = guests[i % GUESTS] as Guest;
          const statement = Math.floor(i / GUESTS) % STATEMENTS;
          return {
            ...req,
            headers: {
              ...req.headers,
              'content-type': 'application/json',
              'x-csrf-token': guest.token,
              cookie: guest.cookie,
            },
            body: JSON.stringify({ statement, vote: ['agree', 'disagree', 'pass'][i % 3] }),
          };
        },
      },
    ],
  });
  if (r.errors > 0 || r.non2xx > 0)
    throw new Error(`votes: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { perSecond: r['2xx'] / DURATION, p50: r.latency.p50, p99: r.latency.p99 };
}

async function hello(connections: number): Promise<number> {
  const server = await startServer('bench/support/hello.ts');
  try {
    return (await autocannon({ url: server.url, connections, duration: DURATION })).requests
      .average;
  } finally {
    await server.stop();
  }
}

async function measure(
  label: string,
  env: Record<string, string>,
  connections: number,
  budget: boolean,
): Promise<BenchRow[]> {
  // The reference is measured right before, so both figures see the same load on this machine.
  const reference = await hello(connections);
  const server = await startServer(SERVER, env);
  try {
    const v = await votesPerSecond(server, await seedConversation(server), connections);
    return [
      {
        what: `${label}: votes accepted through HTTP (JSON, as vote.js sends), ${connections} clients`,
        value: `${fmt.n(v.perSecond)} votes/s`,
        ...(budget ? { budget: '≥ 5,000 votes/s', ok: v.perSecond >= 5000 } : {}),
        reference: `hello route ${fmt.n(reference)} req/s (${fmt.ratio(v.perSecond / reference)})`,
      },
      {
        what: `${label}: vote latency p50 / p99, ${connections} clients`,
        value: `${fmt.ms(v.p50)} / ${fmt.ms(v.p99)}`,
      },
    ];
  } finally {
    await server.stop();
  }
}

export const run: Bench = async () => {
  const rows = await measure('SQLite', {}, CONNECTIONS, true);
  rows.push(...(await measure('SQLite', {}, LIVE_EVENT_CONNECTIONS, false)));
  const pgUrl = await freshPostgresUrl('votes');
  if (pgUrl)
    rows.push(...(await measure('PostgreSQL', { DATABASE_URL: pgUrl }, CONNECTIONS, false)));
  return [
    {
      title: 'Deliberation: vote ingestion',
      rows,
      notes: `autocannon for ${DURATION} s per figure against the real server (LOG_LEVEL=warn, SQLite with synchronous=FULL), with ${CONNECTIONS} connections and, as in a large live event, ${LIVE_EVENT_CONNECTIONS}. ${GUESTS} guests vote on ${STATEMENTS} statements of a Chatham House conversation; each request is one vote, checked (CSRF token, consultation open, statement visible, participant known), acknowledged only after its commit, and answered with the next statement. A vote reads only the participant's voted set from the database (kept by the instance once read); the consultation, conversation, visible statements and next-statement priorities come from a snapshot at most about a second old (src/features/deliberation/vote-context.ts). Votes arriving while a commit is prepared share one transaction (group commit), so durability costs one fsync per batch, not per vote. The reference is a bare Fastify route measured just before each figure with the same number of connections, because this machine is shared. ${pgUrl ? '' : 'PostgreSQL was not reachable in this run, so only SQLite is shown.'}`,
    },
  ];
};
