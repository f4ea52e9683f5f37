// The list of CLI commands: one factory per file in this folder.
import type { Command } from 'commander';
import { backupCommand, restoreCommand } from './backup.ts';
import { createAdminCommand } from './create-admin.ts';
import { exportPolisCommand } from './export-polis.ts';
import { importPolisCommand } from './import-polis.ts';
import { keypointsCommand } from './keypoints.ts';
import { migrateCommand } from './migrate.ts';
import { opinionMapCommand } from './opinion-map.ts';
import { reportCommand } from './report.ts';
import { seedDemoCommand } from './seed-demo.ts';
import { verifyLogCommand } from './verify-log.ts';

export const commands: Array<() => Command> = [
  migrateCommand,
  seedDemoCommand,
  createAdminCommand,
  backupCommand,
  restoreCommand,
  keypointsCommand,
  opinionMapCommand,
  importPolisCommand,
  exportPolisCommand,
  verifyLogCommand,
  reportCommand,
];
