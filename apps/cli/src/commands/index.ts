import type { Command } from '../command.js';
import { demoDataCommand } from './demo-data.js';
import { importUnitsCommand } from './import-units.js';
import { tokenCommand } from './token.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [tokenCommand, importUnitsCommand, demoDataCommand];
