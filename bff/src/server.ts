// Process entry: validate config, open resources (PostgreSQL or embedded PGlite, Redis or none),
// load seeds on the embedded default, listen, and on SIGINT/SIGTERM finish in-flight requests
// before closing (close-with-grace gives them 10 s).
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, type Config } from './config';
import { buildApp } from './app';
import { closeResources, openResources } from './resources';
import { seedAll } from '../../seeds';

async function main(config: Config) {
  const resources = await openResources(config);
  // Demo people exist only outside production, even if seeding is switched on there.
  const seeded = config.seedOnStart ? await seedAll(resources.db.prisma, resources.pii, { demoUsers: !config.isProduction, now: resources.clock.now() }) : null;
  const app = await buildApp({ config, resources });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing');
    await app.close();
    await closeResources(resources);
  });

  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const dbLabel = resources.db.kind === 'pglite' ? `embedded PGlite (${config.PALM_DATA_DIR ?? 'in memory'})` : 'PostgreSQL';
  const redisLabel = resources.redis ? 'Redis' : 'no Redis (single process, in-memory fan-out and rate limits)';
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  const seedLabel = seeded ? `demo seeds loaded (${seeded.changes} rows written${config.isProduction ? ', no demo people' : '; demo sign-in: 我的 → 登录'})` : 'not loaded (PALM_SEED_ON_START=false)';
  const coverage = await app.catalogue.calendarCoverage();
  const calendarLabel = coverage.warning ? `⚠ ${coverage.warning}` : `loaded for ${coverage.coveredYears.join(', ')}`;
  app.log.info(`Palm BFF on ${url} — database: ${dbLabel}; ${redisLabel}`);
  // The warning itself is logged when the app is ready (catalogue/index.ts): here it is only the banner's.
  console.log(`\n  掌上办 Palm is running: ${url}\n  API docs: ${url}/docs\n  Database: ${dbLabel}\n  Live fan-out: ${redisLabel}\n  Seeds: ${seedLabel}\n  Holiday calendar: ${calendarLabel}\n`);
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
main(config).catch((err) => {
  console.error('Palm failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
