// Display names and organisation names stored before names were checked for characters drawn as
// nothing (controls, format characters, every Default_Ignorable code point, line and paragraph
// separators) lose those characters here, once, rather than being re-checked each time they are
// shown. The exceptions are those of the check: zero-width (non-)joiners between two visible
// characters, and U+FE0E/U+FE0F right after a pictograph. A name left empty becomes
// "Participant" (people) or its slug (organisations), so nobody is shown as a blank. The pattern
// is frozen here, apart from the live check, so this migration does the same on every instance.
import type { Kysely } from 'kysely';

// eslint-disable-next-line no-control-regex -- controls are among what this pattern removes
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu;
const VISIBLE = String.raw`[[\p{L}\p{M}\p{N}\p{Extended_Pictographic}]--[\p{Default_Ignorable_Code_Point}]]`;
const KEPT_AT = new RegExp(
  String.raw`(?<=${VISIBLE})[\u200c\u200d](?=${VISIBLE})|(?<=\p{Extended_Pictographic})[\ufe0e\ufe0f]`,
  'vy',
);

export function withoutHidden(name: string): string {
  return name
    .replace(HIDDEN, (c: string, offset: number, whole: string) => {
      KEPT_AT.lastIndex = offset;
      return KEPT_AT.test(whole) ? c : '';
    })
    .trim();
}

async function cleanColumn(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its time, not today's types
  db: Kysely<any>,
  table: 'users' | 'organisations',
  column: 'display_name' | 'name',
  fallback: (row: { id: string; slug?: string }) => string,
): Promise<void> {
  const rows = (await db
    .selectFrom(table)
    .select(table === 'organisations' ? ['id', column, 'slug'] : ['id', column])
    .execute()) as Array<Record<string, string>>;
  for (const row of rows) {
    const name = row[column] ?? '';
    const cleaned = withoutHidden(name);
    if (cleaned === name) continue;
    await db
      .updateTable(table)
      .set({ [column]: cleaned || fallback({ id: row.id ?? '', slug: row.slug }) })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await cleanColumn(db, 'users', 'display_name', () => 'Participant');
  await cleanColumn(db, 'organisations', 'name', (row) => row.slug ?? 'Organisation');
}

export async function down(): Promise<void> {
  // The removed characters are not kept anywhere: there is nothing to put back.
}
