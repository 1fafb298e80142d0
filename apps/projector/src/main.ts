import { loggingConfig } from '../../../libs/config/src/config.js';
import { createLogger } from '../../../libs/logging/src/logger.js';
import { runProjector } from './run-projector.js';

// Every line of the process through pino (LOG_LEVEL, LOG_FORMAT; JSON unless on a terminal of the all-in-one default).
const logger = createLogger(loggingConfig(process.env), { app: 'projector' });

await runProjector(process.argv.slice(2), process.env, {
  out: (line) => logger.info(line),
  err: (line) => logger.error(line),
  exit: (code) => process.exit(code),
});
