// `npm run build`: everything a clinic or a package consumer gets, in dist/.
//   slots-worker.js       the patient's worker bundle (engine + luxon), vite.worker.config.ts
//   admin-worker.js       the admin's worker bundle (+ lint and diff), same config (CS_WORKER=admin)
//   clinic-scheduler.js   the page bundle as a classic script, vite.embed.config.ts (CS_FORMAT=iife)
//   clinic-scheduler.mjs  the page bundle as an ES module (CS_FORMAT=es)
//   clinic-scheduler-*.mjs  parts the page bundle imports on demand, vite.parts.config.ts (CS_PART)
//   engine.mjs            the engine for Node, luxon external, vite.engine.config.ts
//   admin/                the admin page (admin.html) for the clinic server's /admin/, with its worker
//   types/ + *.d.ts       declarations (tsconfig.build.json)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');

/** Runs one Vite build from a config file; the output directory is shared, so never emptied. */
async function viteBuild(configFile, env = {}) {
  const path = resolve(root, configFile);
  if (!existsSync(path)) throw new Error(`build: ${configFile} is missing`);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await build({ root, configFile: path, logLevel: 'warn', build: { emptyOutDir: false } });
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

function declarations() {
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('build: type declarations failed (tsc -p tsconfig.build.json)');
}

/**
 * The worker client's dev-only `new Worker(new URL('./slots.worker.ts', import.meta.url))` makes
 * Vite emit a second copy of the worker under dist/assets/ even though production code never
 * reaches it. Nothing shipped may point there: check, then remove it.
 */
async function dropUnusedAssets() {
  const assets = resolve(dist, 'assets');
  if (!existsSync(assets)) return;
  const names = await readdir(assets);
  for (const file of ['clinic-scheduler.js', 'clinic-scheduler.mjs', 'engine.mjs']) {
    const text = await readFile(resolve(dist, file), 'utf8');
    const used = names.find((name) => text.includes(name));
    if (used !== undefined)
      throw new Error(`build: dist/${file} refers to assets/${used}; it must be self-contained`);
  }
  await rm(assets, { recursive: true, force: true });
}

/**
 * The admin page as the clinic server serves it (`/admin/`). Its client finds `admin-worker.js`
 * beside its own script, so the built worker is copied next to the page's assets.
 */
async function adminPage() {
  const { default: preact } = await import('@preact/preset-vite');
  const outDir = resolve(dist, 'admin');
  await build({
    root,
    configFile: false,
    base: '/admin/',
    plugins: [preact()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: resolve(root, 'admin.html') } },
  });
  // The dev-only module workers are never reached from the built page (see dropUnusedAssets).
  for (const name of await readdir(resolve(outDir, 'assets'))) {
    if (/^(admin|slots)\.worker-/.test(name)) await rm(resolve(outDir, 'assets', name));
  }
  // Its editor runs on the admin worker; its preview is the patient's widget, on the slot worker.
  for (const worker of ['admin-worker.js', 'slots-worker.js']) {
    await copyFile(resolve(dist, worker), resolve(outDir, 'assets', worker));
  }
  // The raw JSON tab checks drafts against the published schema, at /schema/ as in the demo.
  await mkdir(resolve(dist, 'schema'), { recursive: true });
  await copyFile(resolve(root, 'public/schema/rules-v1.json'), resolve(dist, 'schema/rules-v1.json'));
}

async function main() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await viteBuild('vite.worker.config.ts');
  await viteBuild('vite.worker.config.ts', { CS_WORKER: 'admin' });
  await viteBuild('vite.embed.config.ts', { CS_FORMAT: 'iife' });
  await viteBuild('vite.embed.config.ts', { CS_FORMAT: 'es' });
  for (const part of ['es', 'later', 'fallback']) await viteBuild('vite.parts.config.ts', { CS_PART: part });
  await viteBuild('vite.engine.config.ts');
  await dropUnusedAssets();
  await adminPage();
  declarations();
  // Entry declarations beside the files the package exports point at.
  await writeFile(resolve(dist, 'engine.d.ts'), "export * from './types/engine/index.ts';\n");
  await writeFile(resolve(dist, 'clinic-scheduler.d.ts'), "export * from './types/embed/index.ts';\n");
  process.stdout.write('build: dist/ is ready\n');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
