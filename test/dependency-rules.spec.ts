import { spawnSync } from 'node:child_process';

const depcruise = (target: string) =>
  spawnSync(
    process.execPath,
    ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', '--config', '.dependency-cruiser.cjs', target],
    {
      encoding: 'utf8',
    },
  );

// `npm run lint:deps` applies the rules to apps/ and libs/; this proves they catch a violation.
describe('dependency rules', () => {
  it('fail on domain code that imports NestJS', () => {
    const result = depcruise('test/fixtures/dependency-rules');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('domain-is-pure');
  });
});
