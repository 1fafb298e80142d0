// The browser the console tests (test/web) drive, obtained by `npm test` before jest runs:
// CHROMIUM_PATH when set, else Debian's Chromium; when there is none, Debian's `chromium` is
// installed with apt-get as root or with passwordless sudo; otherwise one line says what to do and
// the run stops (exit 1), so browser tests are never skipped. Why Debian's: docs/adr/0006.
// Plain JavaScript, run by Node before anything is built; test/web/browser.ts launches the same path.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where Debian's `chromium` package puts its launcher (and the older name, still a link on some systems). */
export const DEBIAN_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** What to do when nothing can be installed here. */
const FIX = 'run `sudo apt-get install chromium` or set CHROMIUM_PATH to a Chromium executable';

/** The commands that install Debian's Chromium (`--no-upgrade`: an installed one is left as it is). */
export const APT_STEPS = [
  ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq'],
  ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-upgrade', 'chromium'],
];

/** @param {string} file */
export function isExecutableFile(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium to launch, without installing anything: CHROMIUM_PATH when set (and only it), else
 * the first of Debian's paths that is an executable file.
 * @param {Record<string, string | undefined>} env
 * @param {(file: string) => boolean} isExecutable
 * @returns {{ path: string } | { path: null, problem: string }}
 */
export function findChromium(env = process.env, isExecutable = isExecutableFile) {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (isExecutable(configured)) return { path: configured };
    return {
      path: null,
      problem: `Browser tests need Chromium: CHROMIUM_PATH=${configured} is not an executable file; point it at a Chromium executable or unset it to use Debian's ${DEBIAN_CHROMIUM[0]}`,
    };
  }
  const found = DEBIAN_CHROMIUM.find((file) => isExecutable(file));
  if (found) return { path: found };
  return {
    path: null,
    problem: `Browser tests need Chromium and there is none at ${DEBIAN_CHROMIUM.join(' or ')}: ${FIX} (npm test installs it itself as root or with passwordless sudo)`,
  };
}

/**
 * For test/web/browser.ts: the path to launch, or an error whose message is the one line saying what to do.
 * @param {Record<string, string | undefined>} env
 * @param {(file: string) => boolean} isExecutable
 */
export function chromiumPath(env = process.env, isExecutable = isExecutableFile) {
  const found = findChromium(env, isExecutable);
  if (found.path === null) throw new Error(found.problem);
  return found.path;
}

/**
 * The last line a failed command printed that says why (apt's `E:` line when there is one), kept short.
 * @param {{ status: number | null, stdout: string, stderr: string }} result
 */
function why(result) {
  const lines = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const reason = lines.find((line) => line.startsWith('E:')) ?? lines.at(-1) ?? 'no output';
  const text = `${result.status === null ? 'did not start' : `exit ${result.status}`}: ${reason}`;
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

/**
 * Finds, or installs, a Chromium that runs; says in one line what it used or did, or what to do.
 * @param {{
 *   env: Record<string, string | undefined>,
 *   isRoot: boolean,
 *   isExecutable(file: string): boolean,
 *   run(command: string, args: string[]): { status: number | null, stdout: string, stderr: string },
 *   out(line: string): void,
 *   err(line: string): void,
 * }} system
 * @returns {number} the exit code: 0 with a Chromium that runs, 1 otherwise
 */
export function ensureBrowser(system) {
  let found = findChromium(system.env, system.isExecutable);
  if (found.path === null && !system.env.CHROMIUM_PATH?.trim()) {
    const sudo = system.isRoot ? [] : system.run('sudo', ['-n', 'true']).status === 0 ? ['sudo', '-n'] : null;
    if (sudo === null) {
      system.err(found.problem);
      return 1;
    }
    const steps = APT_STEPS.map((step) => step.slice(2).join(' ')).join(' && ');
    system.out(
      `Browser tests need Chromium and there is none at ${DEBIAN_CHROMIUM[0]}: installing Debian's chromium${system.isRoot ? '' : ' with sudo'} (${steps})`,
    );
    for (const step of APT_STEPS) {
      const [command, ...args] = [...sudo, ...step];
      const result = system.run(/** @type {string} */ (command), args);
      if (result.status !== 0) {
        system.err(`Browser tests need Chromium: \`${step.slice(2).join(' ')}\` failed (${why(result)}); ${FIX}`);
        return 1;
      }
    }
    found = findChromium(system.env, system.isExecutable);
    if (found.path === null) {
      system.err(
        `Browser tests need Chromium: apt-get installed chromium, yet there is none at ${DEBIAN_CHROMIUM.join(' or ')}; set CHROMIUM_PATH to a Chromium executable`,
      );
      return 1;
    }
  }
  if (found.path === null) {
    system.err(found.problem);
    return 1;
  }
  const version = system.run(found.path, ['--version']);
  const printed = version.stdout.trim().split('\n')[0]?.trim() ?? '';
  if (version.status !== 0 || printed === '') {
    system.err(
      `Browser tests need Chromium: \`${found.path} --version\` failed (${why(version)}); reinstall it (\`sudo apt-get install --reinstall chromium\`) or set CHROMIUM_PATH to a Chromium executable`,
    );
    return 1;
  }
  system.out(`Browser tests: ${printed} (${found.path})`);
  return 0;
}

/** This process's machine: its environment, its user, the real file system and commands, its stdout and stderr. */
export function processSystem() {
  return {
    env: process.env,
    isRoot: process.getuid?.() === 0,
    isExecutable: isExecutableFile,
    /** @param {string} command @param {string[]} args */
    run(command, args) {
      const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
      if (result.error) return { status: null, stdout: result.stdout ?? '', stderr: result.error.message };
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    /** @param {string} line */
    out: (line) => void process.stdout.write(`${line}\n`),
    /** @param {string} line */
    err: (line) => void process.stderr.write(`${line}\n`),
  };
}

/** Run as a program (`node test/support/ensure-browser.mjs`), not imported. */
function isMain() {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = ensureBrowser(processSystem());
