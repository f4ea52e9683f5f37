// The demo: clearly labelled demo accounts and organisations, loaded on the first start of an
// empty instance (unless POLYLOGUE_DEMO=0) or on demand with `polylogue seed-demo`.
// Passwords are generated per instance and printed once to the operator.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/clock.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { Deliberation } from '../deliberation/index.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import type { ProcessesService } from '../processes/index.ts';
import type { RolesStore } from '../roles/index.ts';
import type { SubmissionsService } from '../submissions/index.ts';
import type { DB } from '../../db/schema.ts';
import type { StakeholderGroup } from '../../shared/stakeholders.ts';
import { seedDemoConsultations, type DemoConsultationSummary } from './demo-consultations.ts';

/** The services the demo goes through, exactly as a person would (wired by the app). */
export interface DemoServices {
  db: Kysely<DB>;
  clock: Clock;
  accounts: AccountsService;
  roles: RolesStore;
  organisations: OrganisationsService;
  processes: ProcessesService;
  consultations: ConsultationsService;
  submissions: SubmissionsService;
  deliberation: Deliberation;
}

export const DEMO_DOMAIN = 'demo.polylogue.example';

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: string;
}

interface DemoPerson {
  key: string;
  displayName: string;
  group: StakeholderGroup;
  country: string;
  locale: 'en' | 'fr' | 'es' | 'ar' | 'zh' | 'ru';
  languages: string[];
  org?: { name: string; group: StakeholderGroup; country: string };
}

const PEOPLE: DemoPerson[] = [
  {
    key: 'secretariat',
    displayName: 'Demo Secretariat',
    group: 'intergovernmental',
    country: 'CH',
    locale: 'en',
    languages: ['en', 'fr'],
  },
  {
    key: 'amina',
    displayName: 'Amina Diallo (demo)',
    group: 'civil_society',
    country: 'SN',
    locale: 'fr',
    languages: ['fr', 'wo'],
    org: { name: 'Réseau Numérique Ouest-Africain (demo)', group: 'civil_society', country: 'SN' },
  },
  {
    key: 'carlos',
    displayName: 'Carlos Mendoza (demo)',
    group: 'academia',
    country: 'MX',
    locale: 'es',
    languages: ['es', 'en'],
    org: { name: 'Instituto de Gobernanza Digital (demo)', group: 'academia', country: 'MX' },
  },
  {
    key: 'layla',
    displayName: 'Layla Haddad (demo)',
    group: 'technical_community',
    country: 'JO',
    locale: 'ar',
    languages: ['ar', 'en'],
  },
  {
    key: 'wei',
    displayName: 'Wei Zhang (demo)',
    group: 'private_sector',
    country: 'CN',
    locale: 'zh',
    languages: ['zh', 'en'],
  },
  {
    key: 'olga',
    displayName: 'Olga Petrova (demo)',
    group: 'government',
    country: 'KZ',
    locale: 'ru',
    languages: ['ru', 'kk'],
  },
];

export interface DemoResult {
  /** The named demo accounts, each with its own password. */
  accounts: DemoAccount[];
  /** One password shared by the many demo contributors of the demo consultations. */
  contributorPassword: string;
  consultations: DemoConsultationSummary[];
}

function demoPassword(): string {
  return `demo-${randomBytes(6).toString('base64url')}`;
}

export async function isDemoLoaded(db: Kysely<DB>): Promise<boolean> {
  return (
    (await db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', 'demo_loaded_at')
      .executeTakeFirst()) !== undefined
  );
}

/** Loads the demo once; returns what it created (null if it was already loaded). */
export async function seedDemo(deps: DemoServices): Promise<DemoResult | null> {
  if (await isDemoLoaded(deps.db)) return null;
  const created: DemoAccount[] = [];
  for (const person of PEOPLE) {
    const email = `${person.key}@${DEMO_DOMAIN}`;
    const password = demoPassword();
    const id = await deps.accounts.createConfirmedUser({
      email,
      password,
      displayName: person.displayName,
      locale: person.locale,
    });
    await deps.accounts.updateProfile(id, {
      displayName: person.displayName,
      stakeholderGroup: person.group,
      country: person.country,
      languages: person.languages,
      locale: person.locale,
      gender: null,
      ageBand: null,
      disability: null,
    });
    const actor = {
      user: { id, email, displayName: person.displayName, emailConfirmed: true },
      grants: [],
    };
    if (person.org) {
      await deps.organisations.createOrganisation(actor, {
        name: person.org.name,
        stakeholderGroup: person.org.group,
        country: person.org.country,
        website: null,
        description: 'Demo organisation.',
      });
    }
    created.push({
      email,
      password,
      displayName: person.displayName,
      role: person.key === 'secretariat' ? 'secretariat' : 'participant',
    });
  }
  const secretariat = await deps.accounts.findUserByEmail(`secretariat@${DEMO_DOMAIN}`);
  const contributorPassword = demoPassword();
  const consultations = await seedDemoConsultations(
    deps,
    secretariat?.id ?? '',
    contributorPassword,
  );
  await deps.db
    .insertInto('instance_settings')
    .values({ key: 'demo_loaded_at', value: deps.clock.now().toISOString() })
    .execute();
  return { accounts: created, contributorPassword, consultations };
}
