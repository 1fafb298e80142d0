import { ConfigError, loadConfig, type AppConfig } from '../../../libs/config/src/config.js';
import { startPlatform } from './bootstrap.js';
import { demoSignInLine } from './web/sign-in-mode.js';

export interface ProcessIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
}

/** The `npm start` process: validate configuration (exit 2 naming each bad variable), start, stop on a signal. */
export async function runApi(env: Record<string, string | undefined>, io: ProcessIo): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return io.exit(2);
  }
  try {
    const platform = await startPlatform(config, io.out);
    io.out(`API listening on ${platform.url} (health: ${platform.url}/health)`);
    io.out(config.metricsPort === null ? 'Metrics: off (METRICS_PORT=off)' : `Metrics: http://127.0.0.1:${config.metricsPort}/metrics (this machine only; not on ${platform.url})`);
    io.out(demoSignInLine(config));
    if (config.auth.keys.kind === 'local-secret' || config.auth.keys.kind === 'secret') {
      io.out('Get a bearer token for a role and jurisdiction with, for example:');
      io.out(`  curl -H "Authorization: Bearer $(npm run -s token -- --user officer-1 --role police_officer --scope 01)" ${platform.url}/me`);
    }
    let stopping = false;
    const stop = async (reason: string) => {
      if (stopping) return;
      stopping = true;
      io.out(`${reason}: shutting down`);
      await platform.close();
      io.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    // Started through `npm start`, a stopped npm does not pass its signal on: stop with the parent.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void stop('parent process gone');
    }, 1000).unref();
  } catch (error) {
    io.err(`Start-up failed: ${(error as Error).message}`);
    io.exit(1);
  }
}
