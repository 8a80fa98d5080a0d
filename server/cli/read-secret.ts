/** Reads one line from the terminal without echoing it, or from standard input when piped. */
import { stdin, stdout } from 'node:process';

export function readSecret(prompt: string): Promise<string> {
  return new Promise((done, fail) => {
    let value = '';
    if (!stdin.isTTY) {
      stdin.setEncoding('utf8');
      stdin.on('data', (chunk: string) => {
        value += chunk;
      });
      stdin.on('end', () => done(value.split(/\r?\n/)[0] ?? ''));
      stdin.on('error', fail);
      return;
    }
    stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const onData = (key: string) => {
      for (const char of key) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stdout.write('\n');
          done(value);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          fail(new Error('Cancelled.'));
          return;
        }
        if (char === '\u007f') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
