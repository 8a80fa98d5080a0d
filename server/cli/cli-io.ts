/** Where the CLIs write and read the clock: injected so tests can read what they said. */
import { pathToFileURL } from 'node:url';

/** A CLI's output and clock. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The clock, when `--now` is not given. */
  now: () => number;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => Date.now(),
};

/**
 * Runs `command` when `moduleUrl` is the process's entry (`node server/cli/x.ts`), with the
 * process's arguments, io and environment; its code is the exit code. A failure it did not word
 * itself (a folder in use, a server that cannot be reached) prints its own message.
 */
export function runAsEntry(
  moduleUrl: string,
  command: (args: string[], io: CliIo, env: NodeJS.ProcessEnv) => Promise<number>,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  command(process.argv.slice(2), processIo, process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    },
  );
}
