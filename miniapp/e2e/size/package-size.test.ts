// The mini-programs' main packages against the platform limit (2 MB each, DESIGN.md §4) and our
// own target (1 MB). A main package is the build output (the folder the WeChat and Alipay IDEs
// upload) less the sub-packages' roots (lib/pages.ts SUB_PACKAGE_ROOTS), which the platforms
// download when one of their pages is first opened; each sub-package is held to the same 2 MB.
// The figures are printed every run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SUB_PACKAGE_ROOTS } from '../../src/lib/pages';

const DIST = join(__dirname, '..', '..', 'dist');
const PLATFORM_LIMIT = 2 * 1024 * 1024;
const TARGET = 1024 * 1024;

function folderSize(dir: string, without: readonly string[] = []): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    if (without.includes(path)) return sum;
    return sum + (entry.isDirectory() ? folderSize(path, without) : statSync(path).size);
  }, 0);
}

/** The sub-package roots app.json lists (`subPackages`, Alipay's `subPackages` too). */
function subPackageRoots(platform: string): string[] {
  const app = JSON.parse(readFileSync(join(DIST, platform, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  return (app.subPackages ?? app.subpackages ?? []).map((p) => p.root);
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

describe.each(['weapp', 'alipay'])('%s main package', (platform) => {
  const subPackages = SUB_PACKAGE_ROOTS.map((root) => ({ root, size: existsSync(join(DIST, platform, root)) ? folderSize(join(DIST, platform, root)) : 0 }));

  it('stays under the 2 MB platform limit (and is reported against the 1 MB target)', () => {
    const size = folderSize(join(DIST, platform)) - subPackages.reduce((sum, sub) => sum + sub.size, 0);
    const js = readdirSync(join(DIST, platform)).filter((name) => name.endsWith('.js')).reduce((sum, name) => sum + statSync(join(DIST, platform, name)).size, 0);
    console.log(
      `${platform} main package: ${kib(size)} (${((size / PLATFORM_LIMIT) * 100).toFixed(0)}% of the 2 MB limit, ` +
        `${((size / TARGET) * 100).toFixed(0)}% of the 1 MB target); top-level JS ${kib(js)}`,
    );
    expect(size).toBeGreaterThan(50 * 1024); // a real build, not an empty folder
    expect(size).toBeLessThanOrEqual(PLATFORM_LIMIT);
  });

  it('lists exactly those sub-packages in its app.json', () => {
    expect(subPackageRoots(platform)).toEqual([...SUB_PACKAGE_ROOTS]);
  });

  it.each(SUB_PACKAGE_ROOTS)('has its sub-package %s built, under the 2 MB limit', (root) => {
    const sub = subPackages.find((entry) => entry.root === root)!;
    console.log(`${platform} sub-package ${root}: ${kib(sub.size)}`);
    expect(sub.size).toBeGreaterThan(1024);
    expect(sub.size).toBeLessThanOrEqual(PLATFORM_LIMIT);
  });
});
