// The mini-programs' main packages against the platform limit (2 MB each, DESIGN.md §4) and our
// own target (1 MB). A main package is the whole build output less the sub-packages app.json lists
// (the staff desk, lib/pages.ts STAFF_ROOT), which are measured on their own against the same
// 2 MB limit each. The figures are printed every run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
  return (app.subPackages ?? app.subpackages ?? []).map((p) => join(DIST, platform, p.root));
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

describe.each(['weapp', 'alipay'])('%s main package', (platform) => {
  it('stays under the 2 MB platform limit (and is reported against the 1 MB target)', () => {
    const subPackages = subPackageRoots(platform);
    const size = folderSize(join(DIST, platform), subPackages);
    const js = readdirSync(join(DIST, platform)).filter((name) => name.endsWith('.js')).reduce((sum, name) => sum + statSync(join(DIST, platform, name)).size, 0);
    console.log(
      `${platform} main package: ${kib(size)} (${((size / PLATFORM_LIMIT) * 100).toFixed(0)}% of the 2 MB limit, ` +
        `${((size / TARGET) * 100).toFixed(0)}% of the 1 MB target); top-level JS ${kib(js)}`,
    );
    expect(size).toBeGreaterThan(50 * 1024); // a real build, not an empty folder
    expect(size).toBeLessThanOrEqual(PLATFORM_LIMIT);
  });

  it('keeps the staff desk out of the main package, in a sub-package under the same limit', () => {
    const subPackages = subPackageRoots(platform);
    expect(subPackages.map((root) => root.slice(join(DIST, platform).length + 1))).toEqual(['pages/staff']);
    for (const root of subPackages) {
      expect(existsSync(join(root, 'desk', 'index.js'))).toBe(true);
      const size = folderSize(root);
      console.log(`${platform} sub-package ${root.slice(join(DIST, platform).length + 1)}: ${kib(size)}`);
      expect(size).toBeLessThanOrEqual(PLATFORM_LIMIT);
    }
  });
});
