/**
 * The clinic server's production entry: `npm run serve`, or `node --import tsx server/main.ts`.
 * Settings come from the environment (see docs/deploy.md). Stops gracefully on SIGTERM and SIGINT:
 * no new connections, requests in flight finish, then the database closes.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, readConfig } from './config.ts';
import { openServer } from './server.ts';
import { staticFiles } from './static.ts';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const distDir = config.distDir ?? resolve(import.meta.dirname, '../dist');
  const server = await openServer(config, {
    ...(existsSync(distDir) ? { extra: staticFiles(distDir) } : {}),
  });
  await server.app.listen({ port: config.port, host: config.host });
  server.app.log.info({ database: server.db.kind, clinic: config.defaultClinic }, 'clinic server ready');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'stopping: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  // Startup failures are configuration or database problems: their message is the explanation.
  console.error(
    error instanceof ConfigError ? error.message : `clinic server: ${(error as Error)?.message ?? error}`,
  );
  process.exit(1);
});
