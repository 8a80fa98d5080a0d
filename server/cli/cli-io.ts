/** Where the interop CLIs write and read the clock: injected so tests can read what they said. */
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
