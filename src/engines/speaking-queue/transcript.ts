// The interventions in the order they were heard, for the rapporteur's draft. Speakers stay opaque
// ids: the feature names them, or not, under the participation rule of the event.
import { spokenMs } from './timing.ts';
import type { Channel, QueueState, RequestKind } from './types.ts';

export interface TranscriptLine {
  order: number;
  requestId: string;
  participantId: string;
  channel: Channel;
  kind: RequestKind;
  replyTo: string | null;
  startedAt: number;
  /** Speaking time, pauses excluded; for a running intervention, up to the last event. */
  durationMs: number;
  running: boolean;
  /** The chair's reason when this speaker was given the floor ahead of the queue. */
  outOfTurnReason: string | null;
}

export function sessionTranscript(state: QueueState): TranscriptLine[] {
  return state.interventions.map((iv, i) => ({
    order: i + 1,
    requestId: iv.requestId,
    participantId: iv.participantId,
    channel: iv.channel,
    kind: iv.kind,
    replyTo: iv.replyTo,
    startedAt: iv.startedAt,
    durationMs: spokenMs(iv, state.lastAt ?? iv.startedAt),
    running: iv.endedAt === null,
    outOfTurnReason: iv.outOfTurnReason,
  }));
}
