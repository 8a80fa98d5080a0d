/**
 * The clinic server's production entry: `npm run serve`, or `node --import tsx server/main.ts`.
 * Settings come from the environment (see docs/deploy.md). Stops gracefully on SIGTERM and SIGINT:
 * no new connections, requests in flight finish, then the database closes.
 */
import { existsSync } from 'node:fs';
import { ConfigError, DEFAULT_DIST_DIR, readConfig, type ServerConfig } from './config.ts';
import { openServer } from './server.ts';
import { staticFiles } from './static.ts';

let config: ServerConfig | undefined;

async function main(): Promise<void> {
  config = readConfig(process.env);
  const distDir = config.distDir ?? DEFAULT_DIST_DIR;
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
  const message = (error as Error)?.message ?? String(error);
  if (error instanceof ConfigError) console.error(message);
  else if (config?.databaseUrl && DATABASE_UNREACHABLE.has(String((error as { code?: unknown })?.code))) {
    // Which server it tried, without the URL's password.
    console.error(
      `clinic server: the PostgreSQL server of DATABASE_URL (${databaseHost(config.databaseUrl)}): ${message}`,
    );
  } else console.error(`clinic server: ${message}`);
  process.exit(1);
});

/** Why a PostgreSQL server may not open: the network's codes, and the server's refusals of the login. */
const DATABASE_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
  '28P01', // password authentication failed
  '28000', // no such role, or not allowed in
  '3D000', // no such database
]);

function databaseHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'unreadable';
  }
}
