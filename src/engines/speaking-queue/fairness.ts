// Fairness figures for a session: for each channel and each stakeholder group, its share of the
// requests against its share of the turns and of the floor time, and the median wait. Published
// cells of fewer than k people are suppressed with the suppression engine, complementary cells
// included: the shares of a dimension add up to 1, so one hidden cell alone could be deduced.
import { MIN_COUNT, suppressFigures, type Shown } from '../suppression/index.ts';
import { median, spokenMs } from './timing.ts';
import type { Channel, Intervention, QueueState, RequestRecord } from './types.ts';

export type FairnessDimension = 'channel' | 'group';

export interface FairnessCell {
  /** A channel, a stakeholder group, or null for requests that stated no group. */
  key: string | null;
  people: number;
  requests: number;
  /** Every intervention holds the floor, points of order and replies included. */
  turns: number;
  floorMs: number;
  /** Null while the dimension has nothing to share out. */
  shareOfRequests: number | null;
  shareOfTurns: number | null;
  shareOfFloorTime: number | null;
  /** From request to floor, over the requests that got it; null when none has. */
  medianWaitMs: number | null;
}

export type FairnessFigures = Record<FairnessDimension, FairnessCell[]>;

const KEYS: Record<FairnessDimension, (x: RequestRecord | Intervention) => string | null> = {
  channel: (x) => x.channel satisfies Channel,
  group: (x) => x.attributes.group ?? null,
};

const share = (part: number, total: number) => (total > 0 ? part / total : null);

function cellsOf(
  state: QueueState,
  key: (x: RequestRecord | Intervention) => string | null,
): FairnessCell[] {
  const now = state.lastAt ?? 0;
  const keys = [...new Set(state.requests.map(key))].sort((a, b) =>
    String(a).localeCompare(String(b)),
  );
  const totalFloor = state.interventions.reduce((sum, iv) => sum + spokenMs(iv, now), 0);
  return keys.map((k) => {
    const requests = state.requests.filter((r) => key(r) === k);
    const heard = state.interventions.filter((iv) => key(iv) === k);
    const floorMs = heard.reduce((sum, iv) => sum + spokenMs(iv, now), 0);
    const waits = heard.map((iv) => iv.startedAt - iv.requestedAt);
    return {
      key: k,
      people: new Set(requests.map((r) => r.participantId)).size,
      requests: requests.length,
      turns: heard.length,
      floorMs,
      shareOfRequests: share(requests.length, state.requests.length),
      shareOfTurns: share(heard.length, state.interventions.length),
      shareOfFloorTime: share(floorMs, totalFloor),
      medianWaitMs: waits.length > 0 ? median(waits) : null,
    };
  });
}

/** The figures before suppression: for the engine's own checks, never to publish as they are. */
export function fairnessFigures(state: QueueState): FairnessFigures {
  return { channel: cellsOf(state, KEYS.channel), group: cellsOf(state, KEYS.group) };
}

export type PublishedCell =
  | (FairnessCell & { suppressed: false })
  | { key: string | null; suppressed: 'small' | 'withheld' | 'omitted' };

/** Each cell's people count as the suppression engine lets a report print it. */
function suppressPeople(cells: FairnessCell[], k: number): Shown[] {
  const ids = cells.map((_, i) => `c${i}`);
  const total = cells.reduce((sum, c) => sum + c.people, 0);
  try {
    const shown = suppressFigures({
      figures: [
        ...cells.map((c, i) => ({ id: ids[i]!, count: c.people })),
        { id: 'total', count: total, print: 'always' },
      ],
      relations: [{ total: 'total', parts: ids }],
      k,
    });
    return ids.map((id) => shown.get(id)!);
  } catch {
    // Nothing left to withhold around a small cell (one cell only): hide the whole dimension.
    return cells.map((c) => (c.people < k ? { kind: 'small' } : { kind: 'withheld' }));
  }
}

/** The figures fit to publish, live and after: cells of fewer than `k` people suppressed. */
export function fairness(
  state: QueueState,
  options: { k?: number } = {},
): Record<FairnessDimension, PublishedCell[]> {
  const k = options.k ?? MIN_COUNT;
  const figures = fairnessFigures(state);
  const publish = (cells: FairnessCell[]): PublishedCell[] => {
    const shown = suppressPeople(cells, k);
    return cells.map((c, i) => {
      const s = shown[i]!;
      return s.kind === 'value' ? { ...c, suppressed: false } : { key: c.key, suppressed: s.kind };
    });
  };
  return { channel: publish(figures.channel), group: publish(figures.group) };
}
