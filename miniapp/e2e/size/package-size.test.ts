// The mini-programs' main packages against the platform limit (2 MB each, DESIGN.md §4) and our
// own target (1 MB). Palm has no subpackages yet, so a main package is the whole build output
// (the WeChat and Alipay IDEs upload exactly that folder). The figures are printed every run.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');
const PLATFORM_LIMIT = 2 * 1024 * 1024;
const TARGET = 1024 * 1024;

function folderSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderSize(path) : statSync(path).size);
  }, 0);
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

describe.each(['weapp', 'alipay'])('%s main package', (platform) => {
  it('stays under the 2 MB platform limit (and is reported against the 1 MB target)', () => {
    const size = folderSize(join(DIST, platform));
    const js = readdirSync(join(DIST, platform)).filter((name) => name.endsWith('.js')).reduce((sum, name) => sum + statSync(join(DIST, platform, name)).size, 0);
    console.log(
      `${platform} main package: ${kib(size)} (${((size / PLATFORM_LIMIT) * 100).toFixed(0)}% of the 2 MB limit, ` +
        `${((size / TARGET) * 100).toFixed(0)}% of the 1 MB target); top-level JS ${kib(js)}`,
    );
    expect(size).toBeGreaterThan(50 * 1024); // a real build, not an empty folder
    expect(size).toBeLessThanOrEqual(PLATFORM_LIMIT);
  });
});
