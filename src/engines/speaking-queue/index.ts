// The one door to the speaking-queue engine: a hybrid session's list of speakers as a pure
// function of its event log (room, remote and hub requests; ordering rules; the chair's moves
// with reasons; the timer), plus the wait estimate, the fairness figures and the transcript.
export type * from './types.ts';
export { FIFO, sideOf } from './types.ts';
export { validate, isValidRule } from './validate.ts';
export { replay, applyEvent, initialState, speakerAt } from './replay.ts';
export { estimateWait, MIN_SAMPLE, type WaitEstimate, type WaitHistory } from './estimate.ts';
export {
  fairness,
  type FairnessCell,
  type FairnessDimension,
  type PublishedCell,
} from './fairness.ts';
export { sessionTranscript, type TranscriptLine } from './transcript.ts';
export { ruleSteps, type RuleStep } from './rule-steps.ts';
