// The public catalogue of services (DESIGN.md §5): keyword search and the "most used" list, and
// one service's guide with the halls that offer it. No sign-in needed; by-id reads still go
// through the policy module like every other by-id route (DESIGN.md §6).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  IdParamsSchema,
  LocationQuerySchema,
  ServiceGuideSchema,
  ServiceListSchema,
  ServiceSearchQuerySchema,
} from '@palm/shared/server';
import { AppError } from '../../../lib/errors';
import { TtlCache } from '../../../lib/ttl-cache';
import { catalogueContext, locationOf } from '../../../catalogue/context';
import { loadGuide } from '../../../catalogue/guide';
import { searchServices } from '../../../catalogue/search';

// Search results are the hottest public read and the catalogue changes a few times a year: they
// are cached per instance for 30 s (an admin's edit shows within that), per distinct query.
export const SEARCH_CACHE_TTL_MS = 30_000;

const services: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['catalogue'];
  const searchCache = new TtlCache<string, Awaited<ReturnType<typeof searchServices>>>(SEARCH_CACHE_TTL_MS, 500);

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: '搜索事项 / 高频事项',
        querystring: ServiceSearchQuerySchema,
        response: { 200: ServiceListSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      await app.policy.authorize(request, 'catalogue.read', { type: 'service' });
      const query = request.query;
      return searchCache.get(JSON.stringify([query.q, query.category, query.limit, query.cursor]), () => searchServices(app.prisma, query));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: '办事指南',
        params: IdParamsSchema,
        querystring: LocationQuerySchema,
        response: { 200: ServiceGuideSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await app.policy.authorize(request, 'catalogue.read', { type: 'service', id });
      const guide = await loadGuide(await catalogueContext(app, request), id, locationOf(request.query));
      if (!guide) throw new AppError('NOT_FOUND', '没有找到该事项');
      return guide;
    },
  );
};

export default services;
