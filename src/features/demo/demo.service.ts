// The demo: clearly labelled demo accounts and organisations, loaded on the first start of an
// empty instance (unless POLYLOGUE_DEMO=0) or on demand with `polylogue seed-demo`.
// Passwords are generated per instance and printed once to the operator.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import type { StakeholderGroup } from '../../shared/stakeholders.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { RolesStore } from '../roles/roles.store.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';

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
  { key: 'secretariat', displayName: 'Demo Secretariat', group: 'intergovernmental', country: 'CH', locale: 'en', languages: ['en', 'fr'] },
  { key: 'amina', displayName: 'Amina Diallo (demo)', group: 'civil_society', country: 'SN', locale: 'fr', languages: ['fr', 'wo'], org: { name: 'Réseau Numérique Ouest-Africain (demo)', group: 'civil_society', country: 'SN' } },
  { key: 'carlos', displayName: 'Carlos Mendoza (demo)', group: 'academia', country: 'MX', locale: 'es', languages: ['es', 'en'], org: { name: 'Instituto de Gobernanza Digital (demo)', group: 'academia', country: 'MX' } },
  { key: 'layla', displayName: 'Layla Haddad (demo)', group: 'technical_community', country: 'JO', locale: 'ar', languages: ['ar', 'en'] },
  { key: 'wei', displayName: 'Wei Zhang (demo)', group: 'private_sector', country: 'CN', locale: 'zh', languages: ['zh', 'en'] },
  { key: 'olga', displayName: 'Olga Petrova (demo)', group: 'government', country: 'KZ', locale: 'ru', languages: ['ru', 'kk'] },
];

export interface DemoDeps {
  db: Kysely<DB>;
  accounts: AccountsService;
  organisations: OrganisationsService;
  roles: RolesStore;
  clock: Clock;
}

function demoPassword(): string {
  return `demo-${randomBytes(6).toString('base64url')}`;
}

export async function isDemoLoaded(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('instance_settings').select('value').where('key', '=', 'demo_loaded_at').executeTakeFirst()) !== undefined;
}

/** Loads the demo once; returns the demo accounts with their passwords (empty if already loaded). */
export async function seedDemo(deps: DemoDeps): Promise<DemoAccount[]> {
  if (await isDemoLoaded(deps.db)) return [];
  const created: DemoAccount[] = [];
  for (const person of PEOPLE) {
    const email = `${person.key}@${DEMO_DOMAIN}`;
    const password = demoPassword();
    const id = await deps.accounts.createConfirmedUser({ email, password, displayName: person.displayName, locale: person.locale });
    await deps.accounts.updateProfile(id, { displayName: person.displayName, stakeholderGroup: person.group, country: person.country, languages: person.languages, locale: person.locale, gender: null, ageBand: null, disability: null });
    const actor = { user: { id, email, displayName: person.displayName, emailConfirmed: true }, grants: [] };
    if (person.org) {
      await deps.organisations.createOrganisation(actor, { name: person.org.name, stakeholderGroup: person.org.group, country: person.org.country, website: null, description: 'Demo organisation.' });
    }
    created.push({ email, password, displayName: person.displayName, role: person.key === 'secretariat' ? 'secretariat' : 'participant' });
  }
  await deps.db.insertInto('instance_settings').values({ key: 'demo_loaded_at', value: deps.clock.now().toISOString() }).execute();
  return created;
}
