/**
 * Starts `test/support/serve.ts` as a child process (a real server on loopback) and waits for its
 * port. Used by the multi-instance race tests, the crash tests and the server benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ENTRY = resolve(import.meta.dirname, 'serve.ts');

export interface ServerProcess {
  origin: string;
  pid: number;
  child: ChildProcess;
  /** Resolves once the process has exited (with its exit code, or null after a signal). */
  exited: Promise<number | null>;
  /** SIGKILL (no chance to finish anything) or SIGTERM (graceful), then waits for the exit. */
  stop(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

/** Starts a server with `env` added to this process's environment; fails after `timeoutMs`. */
export function startServerProcess(
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let output = '';
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-4_000);
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`The server process did not start in ${timeoutMs} ms: ${errors}`));
    }, timeoutMs);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const line = output.split('\n').find((candidate) => candidate.startsWith('{"port":'));
      if (!line) return;
      clearTimeout(timer);
      const { port } = JSON.parse(line) as { port: number };
      done({
        origin: `http://127.0.0.1:${port}`,
        pid: child.pid ?? 0,
        child,
        exited,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`The server process exited (${code}) before it was ready: ${errors}`));
    });
  });
}
