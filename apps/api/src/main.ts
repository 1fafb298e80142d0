import { ConfigError, loadConfig, type AppConfig } from '../../../libs/config/src/config.js';
import { startPlatform } from './bootstrap.js';

const log = (line: string) => process.stdout.write(`${line}\n`);

let config: AppConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

try {
  const platform = await startPlatform(config, log);
  log(`API listening on ${platform.url} (health: ${platform.url}/health)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  process.stderr.write(`Start-up failed: ${(error as Error).message}\n`);
  process.exit(1);
}
