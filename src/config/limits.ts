// Abuse and fairness limits: how many writes of each kind one account, one client, one new
// account and one organisation may make in a window, plus the upload caps. Parsed from the
// environment with the rest of the configuration; the defaults are set so that real use never
// meets them (README, "Limits").
//
// Each rule is one or more windows `<amount>/<window>` separated by commas, e.g. `10/1h,30/1d` or
// `300MB/1d`, or `off`; a request must fit in every window. Windows are counted in the shared
// database, so they hold across instances and restarts.

export const LIMIT_NAMES = [
  'invitations',
  'statements',
  'submissions',
  'cosignature-requests',
  'search',
  'uploads',
  'upload-bytes',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export interface LimitRule {
  /** Hits (or, for `upload-bytes`, kibibytes) allowed in one window. */
  max: number;
  windowMs: number;
}

export const LIMIT_SCOPES = ['account', 'new-account', 'client', 'organisation'] as const;
/**
 * Whose count a request adds to: the signed-in account; the same, while it is younger than a day
 * or its address unconfirmed (in addition to `account`); the client (src/http/client-address.ts);
 * the organisation the route acts for.
 */
export type LimitScope = (typeof LIMIT_SCOPES)[number];

/** The windows of each scope; an empty list is no limit. */
export type LimitRules = Record<LimitScope, LimitRule[]>;

export interface LimitsConfig {
  rules: Record<LimitName, LimitRules>;
  /** Live results streams one client key (IPv4 address, IPv6 /64) may hold open on one instance. */
  liveStreamsPerClient: number;
  /** The total size in bytes of the files of one submission (at most 5 files of 10 MB each). */
  uploadBytesPerSubmission: number;
}

/** Live results streams one client key may hold on one instance, unless configured. */
export const LIVE_STREAMS_PER_CLIENT = 8;

const UNITS_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const SIZE_KIB = { KB: 1, MB: 1024, GB: 1024 * 1024 } as const;

/**
 * The defaults, and why. An account is one person; a client address may be a whole delegation,
 * ministry or conference hall behind one NAT, so its rules are an order of magnitude wider.
 */
const DEFAULTS: Record<LimitName, Partial<Record<LimitScope, string>>> = {
  // Each invitation is an e-mail to an address of the sender's choosing, so these are kept low
  // enough that an account is no use as a relay: an owner onboarding a delegation invites ten an
  // hour and thirty a day; a new or unconfirmed account (the cheap kind) ten a day; an
  // organisation, whoever its owners are, fifty a day.
  invitations: {
    account: '10/1h,30/1d',
    'new-account': '10/1d',
    client: '60/1h,200/1d',
    organisation: '50/1d',
  },
  // A keen participant writes a few statements in a session; a hall of 500 writes a few each.
  statements: { account: '30/10m', client: '1500/10m' },
  // Creating, saving and submitting texts: drafting saves often, a person writes few texts.
  submissions: { account: '60/1h', client: '1000/1h' },
  // Each request mails an organisation; a submission has a handful of co-signatories.
  'cosignature-requests': { account: '30/1h', client: '300/1h' },
  // Searches that carry a query (an empty search page is only a page).
  search: { account: '60/1m', client: '600/1m' },
  uploads: { account: '60/1h', client: '600/1h' },
  // Ten submissions with five 10 MB files each is 500 MB; nobody uploads that in a day.
  'upload-bytes': { account: '500MB/1d', client: '5GB/1d' },
};

type Env = Record<string, string | undefined>;
type Fail = (name: string, problem: string) => never;

export function limitVariable(name: LimitName, scope: LimitScope): string {
  return `LIMIT_${name.toUpperCase().replaceAll('-', '_')}_PER_${scope.toUpperCase().replaceAll('-', '_')}`;
}

function parseRules(variable: string, raw: string, sized: boolean, fail: Fail): LimitRule[] {
  if (raw.trim() === 'off') return [];
  return raw.split(',').map((window) => parseRule(variable, window, sized, fail));
}

function parseRule(variable: string, raw: string, sized: boolean, fail: Fail): LimitRule {
  const amount = sized ? '(\\d+)(KB|MB|GB)' : '(\\d+)()';
  const match = new RegExp(`^${amount}/(\\d+)([smhd])$`).exec(raw.trim());
  const example = sized ? '500MB/1d' : '30/10m';
  if (!match)
    fail(
      variable,
      `must be <amount>/<window> such as ${example} (windows in s, m, h or d, several separated by commas), or off`,
    );
  const [, count = '', unit = '', windowCount = '', windowUnit = ''] = match;
  const max = Number(count) * (sized ? SIZE_KIB[unit as keyof typeof SIZE_KIB] : 1);
  const windowMs = Number(windowCount) * UNITS_MS[windowUnit as keyof typeof UNITS_MS];
  if (max < 1 || windowMs < 1_000 || windowMs > 7 * UNITS_MS.d)
    fail(variable, 'must allow at least 1 in a window between 1s and 7d');
  return { max, windowMs };
}

function positive(env: Env, variable: string, fallback: number, fail: Fail): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[1-9]\d*$/.test(raw)) fail(variable, 'must be a positive whole number');
  return Number(raw);
}

function bytes(env: Env, variable: string, fallback: string, fail: Fail): number {
  const raw = env[variable] || fallback;
  const match = /^(\d+)(KB|MB|GB)$/.exec(raw.trim());
  if (!match || Number(match[1]) < 1) fail(variable, 'must be a size such as 25MB (KB, MB or GB)');
  return Number(match[1]) * 1024 * SIZE_KIB[match[2] as keyof typeof SIZE_KIB];
}

export function parseLimits(env: Env, liveResultsStreams: number, fail: Fail): LimitsConfig {
  const rules = {} as Record<LimitName, LimitRules>;
  for (const name of LIMIT_NAMES) {
    const sized = name === 'upload-bytes';
    const scopes = LIMIT_SCOPES.map((scope) => {
      const variable = limitVariable(name, scope);
      return [
        scope,
        parseRules(variable, env[variable] || DEFAULTS[name][scope] || 'off', sized, fail),
      ] as const;
    });
    rules[name] = Object.fromEntries(scopes) as LimitRules;
  }
  return {
    rules,
    // A small fixed number, not a share of the slots: a share lets a handful of addresses take
    // them all (a quarter: four). Eight covers one person's tabs and a small office behind one
    // address; then 1,000 slots need 125 client keys (IPv4 addresses or IPv6 /64s) to fill. A hall
    // behind one NAT loses little beyond eight: its other results pages show new results on
    // reload, as when the instance is full. Never more than the instance holds.
    liveStreamsPerClient: positive(
      env,
      'LIVE_RESULTS_STREAMS_PER_CLIENT',
      Math.min(LIVE_STREAMS_PER_CLIENT, liveResultsStreams),
      fail,
    ),
    uploadBytesPerSubmission: bytes(env, 'UPLOAD_BYTES_PER_SUBMISSION', '25MB', fail),
  };
}
