// The yardstick: a bare Fastify "hello" with the same logger level as the BFF under benchmark.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).then((address) => {
  console.log(`LISTENING ${address}`);
});
