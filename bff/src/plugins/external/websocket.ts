// WebSockets for live queue updates (WS /api/live). Frames are small JSON; anything larger than
// 4 KiB from a client is refused (clients only listen).
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';

export default fp(
  async (app) => {
    await app.register(websocket, { options: { maxPayload: 4096 } });
  },
  { name: 'websocket' },
);
