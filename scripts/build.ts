/**
 * `npm run build`: everything a clinic or a package consumer gets, in dist/. The outputs and what
 * each is are in vite.config.ts (`OUTPUTS`); this script builds them in that order and then does
 * what a bundler does not: checks that nothing shipped points at a dev-only asset, puts the workers
 * beside the admin page, writes the type declarations, and compresses what the clinic server serves.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { OUTPUTS } from '../vite.config.ts';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');

/**
 * The worker client's dev-only `new Worker(new URL('../inside/slots.worker.ts', import.meta.url))` makes
 * Vite emit a copy of the worker under assets/ although production code never reaches it. Nothing
 * shipped may point there: check, then remove it (from dist/ and from the admin page).
 */
async function dropDevOnlyWorkers(): Promise<void> {
  const assets = resolve(dist, 'assets');
  if (existsSync(assets)) {
    const names = await readdir(assets);
    const shipped = (await readdir(dist)).filter((file) => /\.m?js$/.test(file));
    for (const file of shipped) {
      const text = await readFile(resolve(dist, file), 'utf8');
      const used = names.find((name) => text.includes(name));
      if (used !== undefined) throw new Error(`build: dist/${file} refers to assets/${used}; it must not`);
    }
    await rm(assets, { recursive: true, force: true });
  }
  const adminAssets = resolve(dist, 'admin/assets');
  for (const name of await readdir(adminAssets)) {
    if (/^(admin|slots)\.worker-/.test(name)) await rm(resolve(adminAssets, name));
  }
}

/**
 * The admin page's client finds its workers beside its own script: its editor runs on the admin
 * worker, its preview (the patient's widget) on the slot worker. Its raw JSON tab checks drafts
 * against the published schema of the served rules' version, at /schema/ as in the demo.
 */
async function completeAdminPage(): Promise<void> {
  for (const worker of ['admin-worker.js', 'slots-worker.js']) {
    await copyFile(resolve(dist, worker), resolve(dist, 'admin/assets', worker));
  }
  await mkdir(resolve(dist, 'schema'), { recursive: true });
  for (const name of await readdir(resolve(root, 'public/schema'))) {
    await copyFile(resolve(root, 'public/schema', name), resolve(dist, 'schema', name));
  }
}

/** What the clinic server serves (server/static.ts): the widget's files, the admin page and the schemas. */
const SERVED = /\.(m?js|css|html|json)$/;

/**
 * Each served file beside its brotli and gzip copies (`name.br`, `name.gz`), which the clinic
 * server sends to browsers that accept them (@fastify/static's `preCompressed`): compressed once
 * here at the highest levels, instead of at every request or not at all. A CDN may use them too.
 */
async function precompress(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = resolve(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'types') await precompress(path);
      continue;
    }
    if (!SERVED.test(entry.name)) continue;
    const bytes = await readFile(path);
    await writeFile(
      `${path}.br`,
      brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  }
}

async function declarations(): Promise<void> {
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('build: type declarations failed (tsc -p tsconfig.build.json)');
  // Entry declarations beside the files the package exports point at.
  await writeFile(resolve(dist, 'engine.d.ts'), "export * from './types/engine/index.ts';\n");
  await writeFile(resolve(dist, 'clinic-scheduler.d.ts'), "export * from './types/embed/index.ts';\n");
}

async function main(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  for (const config of Object.values(OUTPUTS)) await build(config);
  await dropDevOnlyWorkers();
  await completeAdminPage();
  await declarations();
  await precompress(dist);
  process.stdout.write('build: dist/ is ready\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
