// The demo process (modelled on seed 004: regional consultations toward a commitments agenda)
// with one `attributed` and one `chatham_house` consultation, each with its discussion questions
// and over 30 published submissions, some of them joint. The two consultations have different
// contributors, so a leak from the Chatham House one can be told apart. The Chatham House one
// also has a conversation with votes, so its opinion map shows on first start.
import type { Actor } from '../../shared/actor.ts';
import type { StakeholderGroup } from '../../shared/stakeholders.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import type { DemoServices } from './demo.service.ts';
import { seedDemoConversation } from './demo-conversation.ts';
import { DEMO_ANSWERS, DEMO_CONTEXT, DEMO_QUESTIONS, type DemoLanguage } from './demo-texts.ts';

type Person = [
  name: string,
  group: StakeholderGroup,
  country: string,
  language: DemoLanguage,
  organisation: string | null,
];

// Contributors to the attributed consultation.
const OPEN_CALL: Person[] = [
  ['Grace Mwangi', 'civil_society', 'KE', 'en', 'Open Net Africa (demo)'],
  ['Tomás Herrera', 'academia', 'AR', 'es', 'Centro de Estudios Digitales (demo)'],
  ['Nour El-Sayed', 'civil_society', 'EG', 'ar', 'مرصد الحقوق الرقمية (demo)'],
  ['Chen Jing', 'technical_community', 'SG', 'zh', null],
  ['Ivan Sokolov', 'academia', 'AM', 'ru', null],
  ['Claire Dubois', 'government', 'FR', 'fr', 'Ministère du Numérique (demo)'],
  ['Samuel Okafor', 'private_sector', 'NG', 'en', 'Lagos Connect Ltd (demo)'],
  ['Priya Raman', 'technical_community', 'IN', 'en', 'Internet Operators Forum (demo)'],
  ['Lucía Quispe', 'civil_society', 'PE', 'es', null],
  ['Kofi Boateng', 'media', 'GH', 'en', 'Accra Press Freedom Desk (demo)'],
  ['Aigerim Nurlanovna', 'intergovernmental', 'KZ', 'ru', null],
  ['Hannah Schmidt', 'private_sector', 'DE', 'en', null],
  ['Fatima Zahra Benali', 'academia', 'MA', 'fr', null],
  ['Mele Tupou', 'other', 'TO', 'en', null],
  ['Rafael Costa', 'technical_community', 'BR', 'es', null],
  ['Yusuf Al-Amin', 'government', 'JO', 'ar', null],
];

// Contributors to the Chatham House consultation: nobody here appears above.
const REGIONAL: Person[] = [
  ['Esther Njoroge', 'civil_society', 'UG', 'en', 'Kampala Digital Rights Hub (demo)'],
  ['Marc Tremblay', 'government', 'CA', 'fr', null],
  ['Diego Fernández', 'media', 'CL', 'es', 'Red de Periodistas Libres (demo)'],
  ['Salma Haddad', 'technical_community', 'LB', 'ar', null],
  ['Li Wei', 'academia', 'TW', 'zh', 'Institute for Network Society (demo)'],
  ['Natalia Ivanova', 'civil_society', 'GE', 'ru', null],
  ['Aisha Bello', 'private_sector', 'NG', 'en', null],
  ['Jean-Baptiste Mbeki', 'civil_society', 'CD', 'fr', 'Collectif Congo Numérique (demo)'],
  ['Sofía Ramírez', 'academia', 'CO', 'es', null],
  ['Omar Farouk', 'media', 'TN', 'ar', null],
  ['Zhang Min', 'private_sector', 'MY', 'zh', null],
  ['Dmitri Volkov', 'technical_community', 'UA', 'ru', null],
  ['Emily Carter', 'government', 'US', 'en', null],
  ['Ana Lima', 'intergovernmental', 'PT', 'fr', null],
  ['Ravi Kumar', 'technical_community', 'LK', 'en', 'South Asia Network Operators (demo)'],
  ['Maria Santos', 'other', 'PH', 'en', null],
];

export interface DemoContributor {
  displayName: string;
  email: string;
  organisation: string | null;
}

export interface DemoConsultationSummary {
  slug: string;
  title: string;
  rule: string;
  contributors: DemoContributor[];
}

const DAY = 24 * 3600 * 1000;

function emailOf(name: string): string {
  return `${name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '.')}@demo.polylogue.example`;
}

async function createPerson(
  services: DemoServices,
  [name, group, country, language, orgName]: Person,
  password: string,
  passwordHash: string,
) {
  const email = emailOf(name);
  const displayName = `${name} (demo)`;
  const id = await services.accounts.createConfirmedUser({
    email,
    password,
    passwordHash,
    displayName,
    locale: language,
  });
  await services.accounts.updateProfile(id, {
    displayName,
    stakeholderGroup: group,
    country,
    languages: [language],
    locale: language,
    gender: null,
    ageBand: null,
    disability: null,
  });
  const actor: Actor = { user: { id, email, displayName, emailConfirmed: true }, grants: [] };
  const org = orgName
    ? await services.organisations.createOrganisation(actor, {
        name: orgName,
        stakeholderGroup: group,
        country,
        website: null,
        description: 'Demo organisation.',
      })
    : null;
  return {
    actor,
    language,
    org,
    contributor: { displayName, email, organisation: org?.name ?? null },
  };
}

/** Picks answers for submission n deterministically so every text differs. */
function answersFor(language: DemoLanguage, n: number, questionIds: string[]) {
  const bank = DEMO_ANSWERS[language];
  return questionIds
    .map((questionId, q) => {
      const options = bank[q] ?? [];
      if ((n + q) % 4 === 3) return null;
      const first = options[n % options.length] ?? '';
      const second = options[(n + q + 1) % options.length] ?? '';
      return { questionId, text: n % 2 === 0 || first === second ? first : `${first} ${second}` };
    })
    .filter((a): a is { questionId: string; text: string } => a !== null && a.text !== '');
}

async function seedConsultation(
  services: DemoServices,
  secretariat: Actor,
  processSlug: string,
  spec: { title: string; rule: string; people: Person[]; conversation?: boolean },
  password: string,
): Promise<DemoConsultationSummary> {
  const now = services.clock.now().getTime();
  const local = (ms: number) => utcToZoned(new Date(now + ms).toISOString(), 'UTC');
  const created = await services.consultations.createConsultation(secretariat, processSlug, {
    title: spec.title,
    context: DEMO_CONTEXT,
    languages: ['en', 'fr'],
    eligibility: 'open',
    rule: spec.rule,
    opensAtLocal: local(-20 * DAY),
    closesAtLocal: local(40 * DAY),
    timeZone: 'UTC',
  });
  await services.consultations.saveQuestions(secretariat, created.slug, DEMO_QUESTIONS);
  await services.consultations.publishConsultation(secretariat, created.slug);
  const questionIds = (await services.consultations.questions(created.id)).map((q) => q.id);
  const people = [];
  const passwordHash = await services.accounts.hashPassword(password);
  for (const person of spec.people)
    people.push(await createPerson(services, person, password, passwordHash));
  const contributors = new Map<string, DemoContributor>();
  let n = 0;
  for (let round = 0; round < 2; round++) {
    for (const [i, p] of people.entries()) {
      const onBehalf = round === 0 && p.org ? p.org.slug : null;
      const submission = await services.submissions.submit(p.actor, created.slug, {
        idempotencyKey: `demo-${round}`,
        organisationSlug: onBehalf,
        language: p.language,
        freeText: '',
        answers: answersFor(p.language, n++, questionIds),
      });
      const asWritten = {
        ...p.contributor,
        organisation: onBehalf ? p.contributor.organisation : null,
      };
      contributors.set(`${asWritten.email}|${asWritten.organisation}`, asWritten);
      // Every fourth organisational submission is joint: the next organisation co-signs it.
      const partner = people.slice(i + 1).find((o) => o.org);
      if (onBehalf && i % 4 === 0 && partner?.org) {
        await services.submissions.inviteCosignatory(p.actor, submission.id, partner.org.slug);
        await services.submissions.decideCosignature(
          partner.actor,
          submission.id,
          partner.org.slug,
          'confirmed',
        );
        contributors.set(
          `${partner.contributor.email}|${partner.contributor.organisation}`,
          partner.contributor,
        );
      }
      await services.submissions.moderate(secretariat, submission.id, { action: 'publish' });
    }
  }
  if (spec.conversation)
    await seedDemoConversation(
      services,
      secretariat,
      created.slug,
      people.map((p, i) => ({ actor: p.actor, stakeholderGroup: spec.people[i]![1] })),
    );
  return {
    slug: created.slug,
    title: spec.title,
    rule: spec.rule,
    contributors: [...contributors.values()],
  };
}

export async function seedDemoConsultations(
  services: DemoServices,
  secretariatId: string,
  password: string,
): Promise<DemoConsultationSummary[]> {
  const adminActor: Actor = {
    user: { id: secretariatId, email: '', displayName: '', emailConfirmed: true },
    grants: [{ role: 'instance_admin', scopeType: 'instance', scopeId: '' }],
  };
  const process = await services.processes.openProcess(adminActor, {
    title: 'Regional consultations toward the Ottawa Agenda (demo)',
    convener: 'Demo Coalition for Online Freedom',
    description:
      'A **demo process**: regional multistakeholder consultations whose synthesis feeds a new agenda of commitments on human rights online.\n\nUn **processus de démonstration** : des consultations régionales multipartites qui alimentent un nouvel agenda d’engagements.',
    frameworks: [
      'WSIS Action Line C10 (ethical dimensions)',
      'Global Digital Compact objective 3',
      'SDG 16.10',
    ],
  });
  await services.roles.grant({
    userId: secretariatId,
    role: 'secretariat',
    scopeType: 'process',
    scopeId: process.id,
    grantedBy: null,
    now: services.clock.now().toISOString(),
  });
  const secretariat: Actor = {
    user: adminActor.user,
    grants: await services.roles.grantsOf(secretariatId),
  };
  const today = services.clock.now().toISOString().slice(0, 10);
  await services.processes.addMilestone(secretariat, process.slug, {
    kind: 'deadline',
    title: 'Written submissions close',
    date: new Date(services.clock.now().getTime() + 40 * DAY).toISOString().slice(0, 10),
    description: '',
  });
  await services.processes.addMilestone(secretariat, process.slug, {
    kind: 'meeting',
    title: 'Regional consultation (online)',
    date: today,
    description: 'Held under the Chatham House rule.',
  });
  return [
    await seedConsultation(
      services,
      secretariat,
      process.slug,
      { title: 'Open call for written input (demo)', rule: 'attributed', people: OPEN_CALL },
      password,
    ),
    await seedConsultation(
      services,
      secretariat,
      process.slug,
      {
        title: 'North America regional consultation (demo)',
        rule: 'chatham_house',
        people: REGIONAL,
        conversation: true,
      },
      password,
    ),
  ];
}
