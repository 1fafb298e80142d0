import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = path.resolve('dist', 'web');
const BUDGET_GZIP_BYTES = 300 * 1024;

/** What the browser loads before the first screen: the page and every script and stylesheet it names. */
function firstScreenFiles(): string[] {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  return ['index.html', ...named];
}

const gzipped = (file: string) => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;

describe('web console bundle', () => {
  beforeAll(() => {
    if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/web is not built: npm test runs `npm run build:web` first');
  });

  it('keeps the first screen under 300 kB gzipped, and each role’s screens out of it', () => {
    const files = firstScreenFiles();
    const sizes = files.map((file) => ({ file, gzip: gzipped(file) }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const lazy = readdirSync(path.join(DIST, 'assets')).filter((f) => !files.includes(`assets/${f}`));
    const lazyTotal = lazy.reduce((sum, f) => sum + gzipped(`assets/${f}`), 0);
    process.stdout.write(
      `\nWeb console, first screen (gzip -9): ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} kB`).join(', ')}; total ${(total / 1024).toFixed(1)} kB of ${BUDGET_GZIP_BYTES / 1024} kB. ` +
        `Loaded on demand: ${lazy.length} chunks, ${(lazyTotal / 1024).toFixed(1)} kB.\n`,
    );
    expect(files.some((f) => /^assets\/index-.+\.js$/.test(f))).toBe(true);
    expect(total).toBeLessThan(BUDGET_GZIP_BYTES);
    // The role screens are split off: the first screen holds the sign-in and the shell only.
    expect(lazy.length).toBeGreaterThanOrEqual(5);
  });
});
