/**
 * A clinic server process for tests and the benchmark: `node --import tsx test/support/serve.ts`
 * with the server's usual environment (`DATABASE_URL` or `DATA_DIR`, `RULES_FILE`,
 * `RATE_LIMIT_PER_CLINIC`, ...) plus `SERVE_NOW` (an instant in milliseconds: a clock that starts
 * there and runs at the real pace, so fixtures' slots stay bookable). Listens on a free loopback
 * port and prints one line, `{"port":N}`, once it is ready. SIGTERM closes it gracefully.
 */
import { readConfig } from '../../server/config.ts';
import { openServer } from '../../server/server.ts';

const fixedStart = process.env.SERVE_NOW ? Number(process.env.SERVE_NOW) : null;
if (fixedStart !== null && !Number.isFinite(fixedStart)) throw new Error('SERVE_NOW must be milliseconds.');
const offset = fixedStart === null ? 0 : fixedStart - Date.now();

const server = await openServer(readConfig({ PORT: '0', ...process.env }), {
  now: () => Date.now() + offset,
  logger: process.env.LOG_LEVEL ? { level: process.env.LOG_LEVEL } : false,
});
await server.app.listen({ port: 0, host: '127.0.0.1' });
const address = server.app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
);
process.on('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
