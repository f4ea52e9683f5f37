// The speaking queue's vocabulary: the event log a session appends to, the rule the secretariat
// picks, and the state the log replays to. Everything is plain data so a state can be stored,
// sent and compared; identities are opaque ids the feature resolves under the participation rule.

/** Where a request comes from. A hub (a remote room) is far away: it sits on the remote side. */
export type Channel = 'room' | 'remote' | 'hub';
/** The two sides the alternation rule balances. */
export type Side = 'room' | 'remote';
export const sideOf = (channel: Channel): Side => (channel === 'room' ? 'room' : 'remote');

/** Points of order and replies go before every ordinary request and are not counted as turns. */
export type RequestKind = 'ordinary' | 'point-of-order' | 'reply';

/** Opaque labels the balance rule may group by; absent ones form their own "unstated" bucket. */
export interface SpeakerAttributes {
  group?: string;
  gender?: string;
  region?: string;
}
export type BalanceAttribute = keyof SpeakerAttributes;

export interface QueueRule {
  /** Room vs remote (hubs count as remote): neither side waits more than `maxTurns` turns. */
  alternation: { maxTurns: number } | null;
  /** People who have not yet had an ordinary turn in this session go before those who have. */
  firstTimeFirst: boolean;
  /** The attribute value heard least so far (in ordinary turns, or in floor time) goes first. */
  balance: { attribute: BalanceAttribute; measure: 'turns' | 'floor-time' } | null;
}
/** First come, first served: the rule with every option off. */
export const FIFO: QueueRule = { alternation: null, firstTimeFirst: false, balance: null };

interface EventBase {
  /** Unique in the log. */
  id: string;
  /** Who appended it (the participant, the floor manager, the chair): an opaque id. */
  actor: string;
  /** Milliseconds since the epoch, never earlier than the event before it. */
  at: number;
}

export type QueueEvent = EventBase &
  (
    | {
        type: 'floor-requested';
        requestId: string;
        /** The person who will speak (the actor may be a floor manager adding them). */
        participantId: string;
        channel: Channel;
        kind: RequestKind;
        /** For a reply: the request whose intervention is replied to. */
        replyTo?: string;
        attributes: SpeakerAttributes;
      }
    | { type: 'request-withdrawn'; requestId: string }
    /** Ends the current intervention, if any. A reason is required when it skips the head. */
    | { type: 'floor-given'; requestId: string; reason?: string }
    | { type: 'intervention-ended' }
    /** `position` is a 0-based index in the queue as shown, inside the request's own tier. */
    | { type: 'request-moved'; requestId: string; position: number; reason: string }
    | { type: 'list-closed' }
    | { type: 'list-reopened' }
    | { type: 'rule-changed'; rule: QueueRule }
    | { type: 'timer-paused' }
    | { type: 'timer-resumed' }
  );
export type QueueEventType = QueueEvent['type'];

export type RequestStatus = 'waiting' | 'speaking' | 'served' | 'withdrawn';

/** A chair's move: the request keeps as many requests ahead of it as these still waiting. */
export interface Pin {
  ahead: string[];
  reason: string;
  /** Order of the moves; a deterministic tie-breaker, since re-pinning keeps places apart. */
  seq: number;
}

export interface RequestRecord {
  requestId: string;
  participantId: string;
  channel: Channel;
  kind: RequestKind;
  replyTo: string | null;
  attributes: SpeakerAttributes;
  requestedAt: number;
  /** Arrival order, the last tie-breaker everywhere. */
  seq: number;
  status: RequestStatus;
  pin: Pin | null;
}

export interface Intervention {
  requestId: string;
  participantId: string;
  channel: Channel;
  kind: RequestKind;
  replyTo: string | null;
  attributes: SpeakerAttributes;
  requestedAt: number;
  startedAt: number;
  endedAt: number | null;
  /** Time spent paused, excluding a pause still running. */
  pausedMs: number;
  pausedAt: number | null;
  givenBy: string;
  /** Set when the chair gave the floor to someone other than the head of the queue. */
  outOfTurnReason: string | null;
}

/** Why an entry stands where it does; the feature words it in the reader's language. */
export type PlaceReason =
  | { kind: 'point-of-order' }
  | { kind: 'reply'; to: string | null }
  | { kind: 'moved'; reason: string }
  | { kind: 'alternation'; side: Side }
  | { kind: 'first-time' }
  | { kind: 'balance'; attribute: BalanceAttribute; value: string | null }
  | { kind: 'arrival' };

export interface QueueEntry {
  requestId: string;
  participantId: string;
  channel: Channel;
  kind: RequestKind;
  requestedAt: number;
  reason: PlaceReason;
}

export interface ManualAct {
  eventId: string;
  actor: string;
  at: number;
  requestId: string;
  act: 'moved' | 'floor-out-of-turn';
  reason: string;
}

export interface QueueState {
  rule: QueueRule;
  closed: boolean;
  /** Every request ever made, in arrival order. */
  requests: RequestRecord[];
  /** Every intervention, in the order the floor was given; the last may be running. */
  interventions: Intervention[];
  /** Ordinary turns had by each participant (points of order and replies do not count). */
  turns: Record<string, number>;
  /** Consecutive ordinary turns each side has waited while holding a waiting request. */
  sideWaits: Record<Side, number>;
  /** Every manual act, with its reason, for the log shown to all. */
  manualActs: ManualAct[];
  moveCount: number;
  eventIds: string[];
  lastAt: number | null;
  /** Events of a stored log that were not valid where they stand, skipped so replay is total. */
  skipped: string[];
  /** The waiting requests in the order they will be heard if nothing changes. */
  queue: QueueEntry[];
}

export type RejectionCode =
  | 'duplicate_event'
  | 'bad_event'
  | 'time_went_back'
  | 'duplicate_request'
  | 'already_waiting'
  | 'list_closed'
  | 'reply_target_unknown'
  | 'not_waiting'
  | 'reason_required'
  | 'position_out_of_tier'
  | 'no_current_speaker'
  | 'already_paused'
  | 'not_paused'
  | 'already_closed'
  | 'not_closed'
  | 'bad_rule';

export type Verdict = { ok: true } | { ok: false; code: RejectionCode };
