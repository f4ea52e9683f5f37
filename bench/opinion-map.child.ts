// One measured opinion-map run in a fresh process, so its peak memory (maxRSS) is its own.
// Usage: node --import tsx bench/opinion-map.child.ts <participants> <statements> <votes>
// Prints one JSON line. The generated conversation is built first and counts in maxRSS: a caller
// holds its votes too.
import { adjustedRandIndex, computeOpinionMap } from '../src/engines/opinion-map/index.ts';
import { plantedConversation } from '../src/engines/opinion-map/synthetic.ts';

const [participants, statements, votes] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
];
const { input, planted } = plantedConversation({
  participants,
  statements,
  votes,
  stakeholderGroups: ['government', 'civil society', 'business', 'academia'],
  seed: 2024,
});
const cpu = process.cpuUsage();
const start = performance.now();
const result = computeOpinionMap(input);
const ms = performance.now() - start;
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({
    ms,
    cpuMs: (used.user + used.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    k: result.k,
    votes: (input.votes as { vote: Int8Array }).vote.length,
    ariPlanted: adjustedRandIndex(
      Array.from(planted),
      result.participants.map((p) => p.group),
    ),
  })}\n`,
);
