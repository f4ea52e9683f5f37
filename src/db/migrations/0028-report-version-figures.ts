// Published report versions keep the input of their figures, so the figures of a later version
// can be audited together with every earlier one (suppression across versions), and say whose
// figures they print: their own, or an earlier version's kept because new ones would have given
// away a hidden cell. The draft keeps the input of its latest generation until it is published.
// Versions published before this have neither: they are served without their figures.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('report_drafts').addColumn('figure_input', 'text').execute();
  await db.schema.alterTable('report_versions').addColumn('figure_input', 'text').execute();
  await db.schema.alterTable('report_versions').addColumn('figures_version', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('report_versions').dropColumn('figures_version').execute();
  await db.schema.alterTable('report_versions').dropColumn('figure_input').execute();
  await db.schema.alterTable('report_drafts').dropColumn('figure_input').execute();
}
