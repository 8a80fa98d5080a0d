/**
 * The package as a consumer sees it, through package.json `exports` (Node resolves a package's
 * own name from inside it). Runs in a child Node process so Vite's resolver is not involved.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function node(script: string): string {
  if (!existsSync(resolve(root, 'dist/engine.mjs'))) {
    throw new Error('dist/engine.mjs is missing: run `npm run build` first.');
  }
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('package exports', () => {
  it('gives Node the engine at clinic-scheduler/engine', () => {
    const out = node(`
      const engine = await import('clinic-scheduler/engine');
      const rules = JSON.parse((await import('node:fs')).readFileSync('server/fixtures/small-clinic.json', 'utf8'));
      console.log(JSON.stringify({
        names: ['checkSlot', 'generateSlots', 'validateRules'].map((n) => typeof engine[n]),
        valid: engine.validateRules(rules).ok,
      }));
    `);
    expect(JSON.parse(out)).toEqual({ names: ['function', 'function', 'function'], valid: true });
  });

  it('points every export at a built file', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
    };
    const targets = Object.values(pkg.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    expect(targets.filter((target) => !existsSync(resolve(root, target)))).toEqual([]);
  });

  it('declares the engine types for TypeScript consumers', () => {
    const declarations = readFileSync(resolve(root, 'dist/types/engine/index.d.ts'), 'utf8');
    expect(declarations).toContain('export { checkSlot, prepareChecks }');
    expect(readFileSync(resolve(root, 'dist/engine.d.ts'), 'utf8')).toBe(
      "export * from './types/engine/index.ts';\n",
    );
  });
});

describe('type declarations', () => {
  it('type-check a consumer that imports the package and the engine by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-consumer-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(root, join(dir, 'node_modules/clinic-scheduler'), 'dir');
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            lib: ['es2022', 'dom'],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          files: ['consumer.ts'],
        }),
      );
      writeFileSync(
        join(dir, 'consumer.ts'),
        [
          "import { mount, version, type MountHandle } from 'clinic-scheduler';",
          "import { checkSlot, type RulesDocument } from 'clinic-scheduler/engine';",
          "const handle: MountHandle = mount(document.body, { apiBase: '/api', locale: 'es' });",
          "handle.element.addEventListener('cs-booked', (event) => event.detail.bookingId.toUpperCase());",
          "const element = document.createElement('clinic-scheduler');",
          'element.rules = null;',
          'const rules: RulesDocument | null = null;',
          'export const used = [version.length, typeof checkSlot, rules];',
        ].join('\n'),
      );
      const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
      const result = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', timeout: 60_000 });
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
