// The demo's conversation: statements on the demo process's theme, voted by the consultation's
// demo contributors and by pseudonymous guests, so the opinion map, the consensus statements and
// the stakeholder view have something to show on first start. Votes follow two planted opinion
// camps (for binding rules on platforms and governments, and for industry self-regulation) that
// cut across stakeholder groups, plus statements nearly everyone agrees with. Deterministic.
import type { DemoServices } from './demo.service.ts';
import { anonymousActor, type Actor } from '../../shared/actor.ts';
import { newSecretToken } from '../../shared/ids.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';
import type { StakeholderGroup } from '../../shared/stakeholders.ts';

type Lean = 'consensus' | 'rules' | 'self-regulation' | 'open';

const STATEMENTS: Array<[Lean, string]> = [
  ['consensus', 'Internet shutdowns should never be used to silence protests.'],
  ['consensus', 'Everyone should be able to get online at an affordable price.'],
  ['consensus', 'Civil society must have a seat at the table when digital policy is made.'],
  ['rules', 'Governments should require platforms to remove illegal content within 24 hours.'],
  ['rules', 'Platforms should be liable for the harmful content their algorithms recommend.'],
  ['rules', 'Data localisation rules protect citizens’ privacy.'],
  [
    'self-regulation',
    'Companies should govern content moderation through industry codes, not laws.',
  ],
  ['self-regulation', 'New laws on online speech do more harm than good.'],
  ['self-regulation', 'Data should flow freely across borders by default.'],
  ['open', 'A global body should coordinate the governance of artificial intelligence.'],
  ['open', 'Digital identity systems should always be voluntary.'],
  [
    'consensus',
    'Encryption keeps journalists and human rights defenders safe and must not be weakened.',
  ],
];

/** Which camp a stakeholder group leans to, most of the time (the camps still cross groups). */
const CAMP_OF: Record<StakeholderGroup, 'rules' | 'self-regulation'> = {
  government: 'rules',
  civil_society: 'rules',
  media: 'rules',
  intergovernmental: 'rules',
  private_sector: 'self-regulation',
  technical_community: 'self-regulation',
  academia: 'self-regulation',
  other: 'rules',
};

const GUEST_GROUPS: StakeholderGroup[] = [
  'civil_society',
  'private_sector',
  'technical_community',
  'government',
  'academia',
  'civil_society',
  'media',
  'technical_community',
];
const GUEST_COUNTRIES = ['BR', 'IN', 'ZA', 'ID', 'MX', 'DE', 'JP', 'EG', 'FR', 'KE', 'US', 'PK'];
const GUESTS = 40;

type Vote = 'agree' | 'disagree' | 'pass';
const VOTE_VALUE: Record<Vote, 1 | -1 | 0> = { agree: 1, disagree: -1, pass: 0 };

function voteOf(lean: Lean, camp: 'rules' | 'self-regulation', r: number): Vote {
  const [agree, disagree] =
    lean === 'consensus'
      ? [0.85, 0.05]
      : lean === 'open'
        ? [0.45, 0.35]
        : lean === camp
          ? [0.8, 0.1]
          : [0.12, 0.75];
  return r < agree ? 'agree' : r < agree + disagree ? 'disagree' : 'pass';
}

export interface DemoVoter {
  actor: Actor;
  stakeholderGroup: StakeholderGroup;
}

/** Opens a conversation on the consultation and has its contributors and guests vote. */
export async function seedDemoConversation(
  services: DemoServices,
  secretariat: Actor,
  slug: string,
  contributors: DemoVoter[],
): Promise<void> {
  const { facilitation, participation } = services.deliberation;
  await facilitation.configure(secretariat, slug, {
    topic: 'What should the agenda commit to? (demo)',
    description:
      'Vote on short statements: agree, disagree or pass. Add your own. The map groups people who vote alike and shows where every stakeholder group agrees.',
    moderation: 'after',
    allowGuests: true,
    allowStatements: true,
  });
  await facilitation.seedStatements(
    secretariat,
    slug,
    STATEMENTS.map(([, body]) => body).join('\n'),
  );
  // Seeded, so the demo map is the same on every instance.
  const rnd = mulberry32(2026);
  const voters = [
    ...contributors.map((c) => ({
      voter: { actor: c.actor, guestKey: null },
      group: c.stakeholderGroup,
    })),
    ...Array.from({ length: GUESTS }, (_, i) => ({
      voter: { actor: anonymousActor, guestKey: newSecretToken() },
      group: GUEST_GROUPS[i % GUEST_GROUPS.length]!,
      country: GUEST_COUNTRIES[i % GUEST_COUNTRIES.length]!,
    })),
  ];
  // People vote side by side, eight at a time, each one statement after another, as they would.
  const voting: Array<Promise<void>> = [];
  for (const v of voters) {
    if ('country' in v)
      await participation.joinAsGuest(v.voter, slug, {
        stakeholderGroup: v.group,
        country: v.country,
      });
    // One person in five leans the other way from their group, so camps cross the groups.
    const usual = CAMP_OF[v.group];
    const camp = rnd() < 0.2 ? (usual === 'rules' ? 'self-regulation' : 'rules') : usual;
    const votes = STATEMENTS.map(([lean], number) => ({
      number,
      vote: voteOf(lean, camp, rnd()),
      skip: rnd() < 0.15,
    }));
    voting.push(
      (async () => {
        for (const { number, vote, skip } of votes)
          if (!skip) await participation.castVote(v.voter, slug, number, VOTE_VALUE[vote]);
      })(),
    );
    if (voting.length === 8) await Promise.all(voting.splice(0));
  }
  await Promise.all(voting);
  const { conversation } = await participation.load(secretariat, slug);
  await participation.recompute(conversation.id);
}
