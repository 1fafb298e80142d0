import type { Command } from '../command.js';
import { accessLogCommand } from './access-log.js';
import { asOfCommand } from './as-of.js';
import { checkpointCommand } from './checkpoint.js';
import { demoDataCommand } from './demo-data.js';
import { importUnitsCommand } from './import-units.js';
import { rebuildCommand } from './rebuild.js';
import { replayCommand } from './replay.js';
import { reportCommand } from './report.js';
import { tokenCommand } from './token.js';
import { verifyCommand } from './verify.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  tokenCommand,
  importUnitsCommand,
  demoDataCommand,
  verifyCommand,
  checkpointCommand,
  replayCommand,
  asOfCommand,
  accessLogCommand,
  reportCommand,
  rebuildCommand,
];
