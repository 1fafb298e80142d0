import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run build:web` (Vite) writes the console: dist/web under the directory the API runs from. */
export const DEFAULT_CONSOLE_DIR = path.resolve(process.cwd(), 'dist', 'web');

/** Built asset names are flat and hashed (assets/index-3f9a1c.js): nothing else is served. */
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$/;

/** The built single-page app: its index page and its hashed assets. */
export class ConsoleFiles {
  private index: { html: string; modified: number } | null = null;

  constructor(readonly directory: string = DEFAULT_CONSOLE_DIR) {}

  /** The index page (read again only when a new build replaced it), or null when the console has not been built. */
  indexHtml(): string | null {
    const file = path.join(this.directory, 'index.html');
    const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (modified === undefined) return null;
    if (this.index?.modified !== modified) this.index = { html: readFileSync(file, 'utf8'), modified };
    return this.index.html;
  }

  /** The absolute directory of the assets and the file name, or null for a name that cannot be an asset. */
  asset(name: string): { root: string; name: string } | null {
    if (!ASSET_NAME.test(name) || name.includes('..')) return null;
    const root = path.join(this.directory, 'assets');
    return existsSync(path.join(root, name)) ? { root, name } : null;
  }
}
