/** `GET /busy/{YYYY-MM}`: a month's busy time, for widgets reading rules that require busy windows. */
import type { FastifyInstance } from 'fastify';
import { servedWindow } from '../rules/windows.ts';
import { sendCacheable } from './cacheable.ts';

export async function busyRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { month: string } }>('/busy/:month', async (request, reply) =>
    sendCacheable(request, reply, await servedWindow(app.clinic, request.clinicId, request.params.month)),
  );
}
