import { ConfigError, loadConfig, type AppConfig } from '../../../libs/config/src/config.js';
import { PROJECTOR_METRICS_PORT, startProjector, type ProjectorOptions } from './projector.js';

export interface ProcessIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
}

/**
 * `node dist/apps/projector/src/main.js`: the same configuration as the API (exit 2 naming each
 * bad variable), the runner until SIGINT/SIGTERM. `--rebuild <name>` rebuilds one projection and
 * exits once it is swapped in (the running projector, if any, does the work).
 */
export async function runProjector(
  argv: string[],
  env: Record<string, string | undefined>,
  io: ProcessIo,
  options: ProjectorOptions = {},
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(env, undefined, { defaultMetricsPort: PROJECTOR_METRICS_PORT });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return io.exit(2);
  }
  const rebuild = argv[0] === '--rebuild' ? argv[1] : undefined;
  if (argv.length > 0 && (argv[0] !== '--rebuild' || !rebuild || argv.length !== 2)) {
    io.err('Usage: projector [--rebuild <projection>]');
    return io.exit(2);
  }
  try {
    // A one-off rebuild serves no metrics: the running projector's listener already has the port.
    const projector = await startProjector(rebuild ? { ...config, metricsPort: null } : config, io.out, options);
    if (rebuild) {
      const names = projector.runner.projections.map((p) => p.name);
      if (!names.includes(rebuild)) {
        await projector.close();
        io.err(`No projection named ${rebuild} (known: ${names.join(', ')})`);
        return io.exit(2);
      }
      io.out(`Rebuilding ${rebuild}…`);
      const build = await projector.runner.rebuild(rebuild);
      io.out(`${rebuild}: build ${build.buildId} is live at position ${build.position}`);
      await projector.close();
      return io.exit(0);
    }
    io.out(
      `Projector running ${projector.runner.projections.map((p) => p.name).join(', ')} (health: ${projector.url}/health, metrics: ${projector.metricsUrl ?? 'off (METRICS_PORT=off)'})`,
    );
    let stopping = false;
    const stop = async (reason: string) => {
      if (stopping) return;
      stopping = true;
      io.out(`${reason}: shutting down`);
      await projector.close();
      io.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  } catch (error) {
    io.err(`Start-up failed: ${(error as Error).message}`);
    io.exit(1);
  }
}
