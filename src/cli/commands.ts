// The list of CLI commands: one factory per file in this folder.
import type { Command } from 'commander';

export const commands: Array<() => Command> = [];
