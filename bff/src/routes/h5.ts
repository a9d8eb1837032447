// Serves the built H5 app at `/` next to the API, so one URL gives a usable Palm on the embedded
// defaults (README quick start). Hashed assets are cached for a year; index.html never, so a new
// build is picked up on the next start. Without a build, `/` says how to make one.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

export function h5Directory(configured?: string): string {
  return configured ? resolve(configured) : join(__dirname, '..', '..', '..', 'miniapp', 'dist', 'h5');
}

const h5: FastifyPluginAsync = async (app) => {
  const root = h5Directory(app.config.PALM_H5_DIR);
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async () => ({
      name: '掌上办 Palm BFF',
      docs: '/docs',
      h5: 'H5 app not built: run `npm run build:h5`, then restart',
    }));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: 'index.html',
    // One route per built file, not a catch-all: unknown paths keep reaching the API's own
    // (rate-limited, error-shaped) 404 handler. A rebuilt app is served after a restart.
    wildcard: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
};

export default h5;
