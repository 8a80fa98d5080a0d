/** `GET /busy/{YYYY-MM}`: a month's busy time, for widgets reading rules that require busy windows. */
import type { FastifyInstance } from 'fastify';
import { servedWindow, servedWindowNow } from '../rules/windows.ts';
import { sendCacheable } from './cacheable.ts';

export async function busyRoutes(app: FastifyInstance): Promise<void> {
  // Answered without a promise when this instance's copy of the month is fresh, as `GET /rules` is.
  app.get<{ Params: { month: string } }>('/busy/:month', (request, reply) => {
    const { clinicId, params } = request;
    const served = servedWindowNow(app.clinic, clinicId, params.month);
    if (served) {
      sendCacheable(request, reply, served);
      return;
    }
    return servedWindow(app.clinic, clinicId, params.month).then((text) =>
      sendCacheable(request, reply, text),
    );
  });
}
