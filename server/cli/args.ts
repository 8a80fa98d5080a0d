/**
 * A small reader for the CLIs' arguments: `--name value` pairs and positional arguments, with
 * unknown options refused by name.
 */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
}

export type ArgsReading = { ok: true; args: ParsedArgs } | { ok: false; message: string };

/**
 * @example readArgs(['bundle.json', '--mapping', 'm.json'], ['mapping']) // positional ['bundle.json'], mapping 'm.json'
 */
export function readArgs(argv: readonly string[], known: readonly string[]): ArgsReading {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name)) return { ok: false, message: `Unknown option --${name}.` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { ok: false, message: `--${name} needs a value.` };
    options.set(name, value);
  }
  return { ok: true, args: { positional, options } };
}

/** Where a CLI writes: injected so tests can read what it said. */
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
