import { loggingConfig } from '../../../libs/config/src/config.js';
import { createLogger } from '../../../libs/logging/src/logger.js';
import { runRelay } from './run-relay.js';

// Every line of the process through pino (LOG_LEVEL, LOG_FORMAT; JSON unless on a terminal of the all-in-one default).
const logger = createLogger(loggingConfig(process.env), { app: 'relay' });
const io = {
  out: (line: string) => logger.info(line),
  err: (line: string) => logger.error(line),
  exit: (code: number) => process.exit(code),
};

const running = await runRelay(process.argv.slice(2), process.env, io);
if (running) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.out(`${signal}: finishing the batch in flight, then stopping`);
    await running.close();
    io.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
