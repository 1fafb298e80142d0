import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromiumPath, ensureBrowser, findChromium, type BrowserSystem, type RunResult } from './ensure-browser.mjs';

const VERSION = 'Chromium 150.0.7871.100 built on Debian GNU/Linux 12 (bookworm)';
const UPDATE = 'env DEBIAN_FRONTEND=noninteractive apt-get update -qq';
const INSTALL = 'env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade chromium';

/**
 * A machine with the given executable files; `answers` says what a command (as one string)
 * answers, and an apt-get install puts /usr/bin/chromium there, as Debian's package does.
 */
function machine(options: {
  files?: string[];
  env?: Record<string, string>;
  isRoot?: boolean;
  answers?: Record<string, Partial<RunResult>>;
}) {
  const files = new Set(options.files ?? []);
  const ran: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const system: BrowserSystem = {
    env: options.env ?? {},
    isRoot: options.isRoot ?? false,
    isExecutable: (file) => files.has(file),
    run(command, args) {
      const line = [command, ...args].join(' ');
      ran.push(line);
      const answer = options.answers?.[line];
      if (answer) return { status: 0, stdout: '', stderr: '', ...answer };
      if (line.endsWith('--version')) return { status: 0, stdout: `${VERSION}\n`, stderr: '' };
      if (line.endsWith(INSTALL)) files.add('/usr/bin/chromium');
      if (line.endsWith(INSTALL) || line.endsWith(UPDATE)) return { status: 0, stdout: '', stderr: '' };
      return { status: 1, stdout: '', stderr: `${command}: not expected here` };
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return { system, ran, out, err };
}

describe('obtaining the browser for the console tests', () => {
  it("uses Debian's Chromium when it is there, installing nothing", () => {
    const { system, ran, out, err } = machine({ files: ['/usr/bin/chromium'], isRoot: true });
    expect(ensureBrowser(system)).toBe(0);
    expect(ran).toEqual(['/usr/bin/chromium --version']);
    expect(out).toEqual([`Browser tests: ${VERSION} (/usr/bin/chromium)`]);
    expect(err).toEqual([]);
  });

  it('falls back to /usr/bin/chromium-browser', () => {
    const { system, ran } = machine({ files: ['/usr/bin/chromium-browser'] });
    expect(ensureBrowser(system)).toBe(0);
    expect(ran).toEqual(['/usr/bin/chromium-browser --version']);
  });

  it('prefers CHROMIUM_PATH over the Debian paths', () => {
    const { system, ran, out } = machine({
      files: ['/usr/bin/chromium', '/opt/chrome/chrome'],
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
      isRoot: true,
    });
    expect(ensureBrowser(system)).toBe(0);
    expect(ran).toEqual(['/opt/chrome/chrome --version']);
    expect(out).toEqual([`Browser tests: ${VERSION} (/opt/chrome/chrome)`]);
  });

  it('stops with one line when CHROMIUM_PATH names no executable, even as root (no install in its place)', () => {
    const { system, ran, out, err } = machine({ files: ['/usr/bin/chromium'], env: { CHROMIUM_PATH: '/nowhere/chrome' }, isRoot: true });
    expect(ensureBrowser(system)).toBe(1);
    expect(ran).toEqual([]);
    expect(out).toEqual([]);
    expect(err).toEqual([
      "Browser tests need Chromium: CHROMIUM_PATH=/nowhere/chrome is not an executable file; point it at a Chromium executable or unset it to use Debian's /usr/bin/chromium",
    ]);
  });

  it("installs Debian's chromium as root, saying so in one line, then uses it", () => {
    const { system, ran, out, err } = machine({ isRoot: true });
    expect(ensureBrowser(system)).toBe(0);
    expect(ran).toEqual([UPDATE, INSTALL, '/usr/bin/chromium --version']);
    expect(out).toEqual([
      "Browser tests need Chromium and there is none at /usr/bin/chromium: installing Debian's chromium (apt-get update -qq && apt-get install -y -qq --no-upgrade chromium)",
      `Browser tests: ${VERSION} (/usr/bin/chromium)`,
    ]);
    expect(err).toEqual([]);
  });

  it('installs it with passwordless sudo when not root', () => {
    const { system, ran, out } = machine({ answers: { 'sudo -n true': { status: 0 } } });
    expect(ensureBrowser(system)).toBe(0);
    expect(ran).toEqual(['sudo -n true', `sudo -n ${UPDATE}`, `sudo -n ${INSTALL}`, '/usr/bin/chromium --version']);
    expect(out[0]).toMatch(
      /^Browser tests need Chromium and there is none at \/usr\/bin\/chromium: installing Debian's chromium with sudo \(/,
    );
  });

  it('without root or passwordless sudo: one line saying what to do, exit 1, nothing installed', () => {
    const { system, ran, out, err } = machine({ answers: { 'sudo -n true': { status: 1, stderr: 'sudo: a password is required' } } });
    expect(ensureBrowser(system)).toBe(1);
    expect(ran).toEqual(['sudo -n true']);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'Browser tests need Chromium and there is none at /usr/bin/chromium or /usr/bin/chromium-browser: run `sudo apt-get install chromium` or set CHROMIUM_PATH to a Chromium executable (npm test installs it itself as root or with passwordless sudo)',
    ]);
  });

  it("when apt-get fails: one line with apt's reason, exit 1", () => {
    const stderr = 'W: Some index files failed to download\nE: Unable to locate package chromium\n';
    const { system, ran, err } = machine({ isRoot: true, answers: { [INSTALL]: { status: 100, stderr } } });
    expect(ensureBrowser(system)).toBe(1);
    expect(ran).toEqual([UPDATE, INSTALL]);
    expect(err).toEqual([
      'Browser tests need Chromium: `apt-get install -y -qq --no-upgrade chromium` failed (exit 100: E: Unable to locate package chromium); run `sudo apt-get install chromium` or set CHROMIUM_PATH to a Chromium executable',
    ]);
  });

  it('when apt-get cannot even start (not Debian): one line, exit 1', () => {
    const { system, err } = machine({ isRoot: true, answers: { [UPDATE]: { status: null, stderr: 'spawnSync env ENOENT' } } });
    expect(ensureBrowser(system)).toBe(1);
    expect(err).toEqual([
      'Browser tests need Chromium: `apt-get update -qq` failed (did not start: spawnSync env ENOENT); run `sudo apt-get install chromium` or set CHROMIUM_PATH to a Chromium executable',
    ]);
  });

  it('when the install leaves no Chromium behind: one line, exit 1', () => {
    const { system, err } = machine({ isRoot: true, answers: { [INSTALL]: { status: 0 } } });
    expect(ensureBrowser(system)).toBe(1);
    expect(err).toEqual([
      'Browser tests need Chromium: apt-get installed chromium, yet there is none at /usr/bin/chromium or /usr/bin/chromium-browser; set CHROMIUM_PATH to a Chromium executable',
    ]);
  });

  it('when the Chromium found does not run: one line, exit 1', () => {
    const { system, err } = machine({
      files: ['/usr/bin/chromium'],
      answers: { '/usr/bin/chromium --version': { status: 127, stderr: 'error while loading shared libraries: libnss3.so' } },
    });
    expect(ensureBrowser(system)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^Browser tests need Chromium: `\/usr\/bin\/chromium --version` failed \(exit 127: error while loading shared libraries: libnss3\.so\); reinstall it/,
    );
  });

  it('the browser tests launch the same path, or fail with the same line (never a skip)', () => {
    expect(chromiumPath({}, (file) => file === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/c' }, (file) => file === '/opt/c' || file === '/usr/bin/chromium')).toBe('/opt/c');
    const none = findChromium({}, () => false);
    expect(none.path).toBeNull();
    expect(() => chromiumPath({}, () => false)).toThrow(new Error('problem' in none ? none.problem : 'unreachable'));
  });
});

describe('the script as npm test runs it', () => {
  const script = path.resolve('test/support/ensure-browser.mjs');
  const runScript = (env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, [script], { env: { ...process.env, ...env }, encoding: 'utf8' });

  it('exits 1 with exactly one line on stderr when CHROMIUM_PATH names a missing file', () => {
    const result = runScript({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "Browser tests need Chromium: CHROMIUM_PATH=/nonexistent/chromium is not an executable file; point it at a Chromium executable or unset it to use Debian's /usr/bin/chromium\n",
    );
  });

  it('finds the Chromium the browser tests will launch and prints its version in one line', () => {
    const result = runScript({});
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^Browser tests: Chromium \\d+[^\\n]* \\(${chromiumPath().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)\\n$`),
    );
  });
});
