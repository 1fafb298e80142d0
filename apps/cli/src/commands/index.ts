import type { Command } from '../command.js';
import { importUnitsCommand } from './import-units.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [importUnitsCommand];
