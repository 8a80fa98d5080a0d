/**
 * `slots-worker.js` as a `blob:` worker runs it when the widget's module carries it
 * (src/worker/client/inline-worker.ts): the built file, less the comment naming its source map,
 * which a `blob:` could not resolve. The build, its tests and the first-slots benchmark agree on
 * the text through this one function.
 */
export function workerText(file: string): string {
  return file.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}
