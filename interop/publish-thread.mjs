// The worker thread's entry: Node runs TypeScript only through tsx, so the thread registers it
// before loading the TypeScript worker (the parent's loader does not reach a new thread).
import { register } from 'tsx/esm/api';

register();
await import('./publish-worker.ts');
