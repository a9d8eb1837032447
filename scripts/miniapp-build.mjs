// Builds the mini-app for the platforms named on the command line (weapp, alipay, h5; default h5)
// unless the last build of that platform was made from exactly the same sources. `npm start` uses
// it so a fresh clone serves a usable H5 app; `.ci/run` and the build tests use it so each
// platform is compiled once per change, not once per caller.
//
// "Same sources" is a SHA-256 over every file that goes into a build (the app, its config, the
// shared workspace, the platform project files) plus the build-time variables; the stamp lives in
// miniapp/dist/.build-stamps/, outside the platform folders Taro empties on each build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const miniapp = join(root, 'miniapp');
export const PLATFORMS = ['weapp', 'alipay', 'h5'];
const INPUT_DIRS = [join(miniapp, 'src'), join(miniapp, 'config'), join(root, 'shared', 'src')];
const INPUT_FILES = ['package.json', 'babel.config.js', 'tsconfig.json', '.env.production', 'project.config.json', 'project.alipay.json', 'mini.project.json'].map((f) =>
  join(miniapp, f),
);
// Variables that change what a build contains (API base URL, mode).
const BUILD_VARIABLES = ['TARO_APP_API'];
const stampDir = join(miniapp, 'dist', '.build-stamps');

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

export function sourceHash() {
  const hash = createHash('sha256');
  const files = [...INPUT_DIRS.flatMap(listFiles), ...INPUT_FILES.filter((f) => existsSync(f))].sort();
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const name of BUILD_VARIABLES) hash.update(`${name}=${process.env[name] ?? ''}\0`);
  return hash.digest('hex');
}

/** The platform's output folder, e.g. miniapp/dist/h5. */
export function distDirectory(platform) {
  return join(miniapp, 'dist', platform);
}

function stampPath(platform) {
  return join(stampDir, `${platform}.json`);
}

export function isUpToDate(platform, hash = sourceHash()) {
  try {
    const stamp = JSON.parse(readFileSync(stampPath(platform), 'utf8'));
    return stamp.hash === hash && existsSync(join(distDirectory(platform), platform === 'h5' ? 'index.html' : 'app.js'));
  } catch {
    return false;
  }
}

/** Builds each platform that is not up to date; returns what it did per platform. Throws on a failed build. */
export function ensureBuilt(platforms = ['h5'], { log = console.log } = {}) {
  const hash = sourceHash();
  const results = {};
  for (const platform of platforms) {
    if (!PLATFORMS.includes(platform)) throw new Error(`unknown platform ${platform} (one of ${PLATFORMS.join(', ')})`);
    if (isUpToDate(platform, hash)) {
      results[platform] = 'up to date';
      continue;
    }
    log(`miniapp: building ${platform} …`);
    const started = Date.now();
    // Always a production build: NODE_ENV=test (set by Jest) would switch babel-preset-taro to
    // CommonJS and break the bundle.
    const run = spawnSync(process.execPath, [join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', platform], {
      cwd: miniapp,
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) {
      throw new Error(`miniapp: ${platform} build failed (exit ${run.status})\n${run.stdout}\n${run.stderr}`);
    }
    mkdirSync(stampDir, { recursive: true });
    writeFileSync(stampPath(platform), JSON.stringify({ hash, builtAt: new Date().toISOString() }));
    results[platform] = `built in ${((Date.now() - started) / 1000).toFixed(1)} s`;
    log(`miniapp: ${platform} ${results[platform]} → ${relative(root, distDirectory(platform))}`);
  }
  return results;
}

/** Bytes of every file under dir (a mini-program's main package is its whole output without subpackages). */
export function directorySize(dir) {
  return listFiles(dir).reduce((sum, file) => sum + statSync(file).size, 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const platforms = process.argv.slice(2);
  try {
    const results = ensureBuilt(platforms.length > 0 ? platforms : ['h5']);
    for (const [platform, what] of Object.entries(results)) if (what === 'up to date') console.log(`miniapp: ${platform} up to date`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
