import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

/** nest-cli.json describes the build that `npm run build` (tsc -p tsconfig.build.json into dist/) really makes. */
describe('nest-cli.json', () => {
  const config = read('nest-cli.json') as {
    compilerOptions: { tsConfigPath: string; builder: string };
    projects: Record<string, { type: string; root: string; sourceRoot: string; entryFile?: string }>;
  };
  const scripts = (read('package.json') as { scripts: Record<string, string> }).scripts;

  it('builds with tsc from the same tsconfig as npm run build', () => {
    expect(config.compilerOptions).toMatchObject({ builder: 'tsc', tsConfigPath: 'tsconfig.build.json' });
    expect(scripts.build).toContain('tsc -p tsconfig.build.json');
  });

  it('lists every app with the entry file its npm script runs, and every library', () => {
    const apps = readdirSync(path.join(ROOT, 'apps')).filter((a) => existsSync(path.join(ROOT, 'apps', a, 'src', 'main.ts')));
    const libs = readdirSync(path.join(ROOT, 'libs'));
    expect(
      Object.entries(config.projects)
        .filter(([, p]) => p.type === 'application')
        .map(([name]) => name)
        .sort(),
    ).toEqual(apps.sort());
    expect(
      Object.entries(config.projects)
        .filter(([, p]) => p.type === 'library')
        .map(([, p]) => p.root.replace(/^libs\//, ''))
        .sort(),
    ).toEqual(libs.sort());
    for (const [, project] of Object.entries(config.projects)) expect(existsSync(path.join(ROOT, project.sourceRoot))).toBe(true);
    expect(existsSync(path.join(ROOT, `${config.projects.api!.entryFile}.ts`))).toBe(true);
    expect(scripts.start).toContain(`node dist/${config.projects.api!.entryFile}.js`);
    expect(scripts.cli).toContain(`node dist/${config.projects.cli!.entryFile}.js`);
  });
});
