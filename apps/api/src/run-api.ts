import { ConfigError, loadConfig, type AppConfig } from '../../../libs/config/src/config.js';
import { startPlatform, type RunningPlatform } from './bootstrap.js';
import { demoSignInLine, signInMode } from './web/sign-in-mode.js';

export interface ProcessIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
}

/** The platform `runApi` started; `stop` is what SIGINT and SIGTERM do. */
export interface RunningApi {
  url: string;
  stop(reason: string): Promise<void>;
}

/** The `npm start` process: validate configuration (exit 2 naming each bad variable), start, stop on a signal. */
export async function runApi(env: Record<string, string | undefined>, io: ProcessIo): Promise<RunningApi | null> {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    io.exit(2);
    return null;
  }
  try {
    const platform = await startPlatform(config, io.out);
    for (const line of startupLines(config, platform)) io.out(line);
    let stopping = false;
    const stop = async (reason: string) => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      clearInterval(watchParent);
      io.out(`${reason}: shutting down`);
      await platform.close();
      io.exit(0);
    };
    const onSigint = () => void stop('SIGINT');
    const onSigterm = () => void stop('SIGTERM');
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    // Started through `npm start`, a stopped npm does not pass its signal on: stop with the parent.
    const parent = process.ppid;
    const watchParent = setInterval(() => {
      if (process.ppid !== parent) void stop('parent process gone');
    }, 1000).unref();
    return { url: platform.url, stop };
  } catch (error) {
    io.err(`Start-up failed: ${(error as Error).message}`);
    io.exit(1);
    return null;
  }
}

/** The demo data set a first look at the console needs (apps/cli/src/commands/demo-data.ts). */
export const DEMO_DATA_COMMAND = 'npm run cli -- demo-data --events 20000';

/**
 * What the start-up log says once the API listens: where it and the console are, how to sign in
 * in this configuration, and, on the all-in-one default's embedded database, how to load demo
 * data (never suggested for a configured DATABASE_URL: the log is append-only, demo cases in a
 * real one could not be taken out again).
 */
export function startupLines(config: AppConfig, platform: Pick<RunningPlatform, 'url' | 'embeddedDatabase'>): string[] {
  const url = platform.url;
  const lines = [
    `API listening on ${url} (health: ${url}/health)`,
    config.metricsPort === null
      ? 'Metrics: off (METRICS_PORT=off)'
      : `Metrics: http://127.0.0.1:${config.metricsPort}/metrics (this machine only; not on ${url})`,
    `Web console: ${url}/`,
    demoSignInLine(config),
  ];
  const mode = signInMode(config);
  const localToken = config.auth.keys.kind === 'local-secret' || config.auth.keys.kind === 'secret';
  if (mode === 'demo') lines.push('Sign in: on the console, choose a demo user, a role and a province or commune (no password)');
  else if (mode === 'oidc')
    lines.push(`Sign in: the console sends you to the identity provider ${config.oidc?.issuer} (client ${config.oidc?.clientId})`);
  else if (localToken)
    lines.push(
      'Sign in: paste a bearer token into the console, e.g. from `npm run -s token -- --user officer-1 --role police_officer --scope 01`',
    );
  else
    lines.push(
      `Sign in: paste a bearer token into the console, issued by the identity provider whose keys ${config.auth.keys.kind === 'jwks' ? 'AUTH_JWKS_URL' : 'AUTH_JWT_PUBLIC_KEY'} gives`,
    );
  if (localToken) {
    lines.push('Get a bearer token for a role and jurisdiction with, for example:');
    lines.push(`  curl -H "Authorization: Bearer $(npm run -s token -- --user officer-1 --role police_officer --scope 01)" ${url}/me`);
  }
  if (platform.embeddedDatabase)
    lines.push(
      `Demo data: \`${DEMO_DATA_COMMAND}\` in another terminal while this runs (made-up cases in every built-in commune; run again, it appends nothing)`,
    );
  return lines;
}
