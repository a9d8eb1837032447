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
import { locationOf } from '../../../catalogue/context';

const services: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['catalogue'];

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
      // Cached per instance for a short while (catalogue/service.ts).
      return app.catalogue.search(request.query);
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
      const guide = await app.catalogue.guide(request, id, locationOf(request.query));
      if (!guide) throw new AppError('NOT_FOUND', '没有找到该事项');
      return guide;
    },
  );
};

export default services;
