// The one door to the opinion-map engine: a pure, deterministic Pol.is-compatible
// opinion map with group-informed and multistakeholder consensus, plus the Pol.is export format.
export { computeOpinionMap } from './opinion-map.ts';
export type * from './types.ts';
export {
  PolisFormatError,
  parsePolisComments,
  parsePolisParticipantsVotes,
  parsePolisVotes,
  polisToOpinionMapInput,
  readPolisConversation,
  type PolisComment,
  type PolisConversation,
  type PolisFiles,
  type PolisParticipant,
} from './polis-csv.ts';
export { PolisVotesReader, type PolisVotesFile, type PolisVotesTable } from './polis-stream.ts';
export {
  writePolisComments,
  writePolisParticipantsVotes,
  writePolisSummary,
  writePolisVotes,
} from './polis-csv-writer.ts';
export { adjustedRandIndex } from './ari.ts';
export { baselineGroups } from './baseline.ts';
