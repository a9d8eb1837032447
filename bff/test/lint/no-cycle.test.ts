// `npm run lint` refuses an import cycle in the BFF (eslint.config.mjs, import-x/no-cycle). The
// rule follows imports across files, which ESLint's lintText cannot show, so it lints a fixture
// folder on disk (bff/test/lint-fixtures/cycle/, left out of the normal run) with the repository's
// own configuration.
import { join } from 'node:path';
import { ESLint } from 'eslint';

jest.setTimeout(60_000);

const root = join(__dirname, '..', '..', '..');
const fixture = (name: string) => join(root, 'bff', 'test', 'lint-fixtures', 'cycle', name);

describe('lint: import cycles', () => {
  const eslint = new ESLint({ cwd: root, ignore: false });

  it('fails on two modules that import each other', async () => {
    const results = await eslint.lintFiles([fixture('a.ts'), fixture('b.ts')]);
    for (const result of results) {
      expect(result.messages.map((m) => [m.ruleId, m.severity])).toContainEqual(['import-x/no-cycle', 2]);
    }
  });

  it('lets type-only imports both ways pass', async () => {
    const results = await eslint.lintFiles([fixture('types-only.ts'), fixture('types-other.ts')]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });

  it('checks every file of bff/src, and leaves the fixtures out of the normal run', async () => {
    const config = (await eslint.calculateConfigForFile(join(root, 'bff', 'src', 'appointments', 'jobs.ts'))) as { rules: Record<string, unknown> };
    expect(config.rules['import-x/no-cycle']).toEqual([2]);
    expect(await new ESLint({ cwd: root }).isPathIgnored(fixture('a.ts'))).toBe(true);
  });
});
