/** `GET /healthz`: the process answers. `GET /readyz`: and its database does, within a second. */
import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async (_request, reply) =>
    reply.header('Cache-Control', 'no-store').send({ status: 'ok' }),
  );
  app.get('/readyz', async (_request, reply) => {
    const ready = await Promise.race([
      app.clinic.db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((done) => setTimeout(() => done(false), 1_000).unref()),
    ]);
    return reply
      .code(ready ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send(ready ? { status: 'ready' } : { status: 'unavailable', code: 'DATABASE_UNAVAILABLE' });
  });
}
