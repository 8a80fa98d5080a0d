/**
 * The admin editor's slot client: the widget's client plus `lint` and `diff`, on the admin worker
 * (`admin-worker.js`, whose bundle carries the linter and the differ). A module of its own, so
 * the patient's page script carries neither the methods nor their worker.
 */
import type { DiffOptions, DiffResult } from '../../engine/diff.ts';
import type { LintOptions, LintResult } from '../../engine/lint.ts';
import { type SlotClientOptions, watchdogConfig } from './client.ts';
import type { RulesInput } from './job.ts';
import type { JobOptions, JobStats, SlotClient } from './slot-jobs.ts';
import { WatchdogClient } from './watchdog-client.ts';

export interface AdminSlotClient extends SlotClient {
  lint(
    rules: unknown,
    lint: LintOptions,
    options?: JobOptions,
  ): Promise<{ result: LintResult; stats: JobStats }>;
  diff(
    saved: unknown,
    draft: unknown,
    diff: DiffOptions,
    options?: JobOptions,
  ): Promise<{ result: DiffResult; stats: JobStats }>;
}

class AdminWatchdogClient extends WatchdogClient implements AdminSlotClient {
  lint(rules: unknown, lint: LintOptions, options?: JobOptions) {
    return this.submit('lint', [{ field: 'rules', value: rules }], lint, options);
  }

  diff(saved: unknown, draft: unknown, diff: DiffOptions, options?: JobOptions) {
    const docs: RulesInput[] = [
      { field: 'saved', value: saved },
      { field: 'draft', value: draft },
    ];
    return this.submit('diff', docs, diff, options);
  }
}

/**
 * Creates the admin editor's client: slots, validate, lint and diff, on `admin-worker.js`
 * (found like `slots-worker.js`, or at `workerUrl`). Same deadlines, lanes, cache and fallback
 * as `createSlotClient`.
 * @example
 * const editor = createAdminClient();
 * const { result } = await editor.lint(draft, { now }, { lane: 'lint' });
 */
export function createAdminClient(options: SlotClientOptions = {}): AdminSlotClient {
  return new AdminWatchdogClient(watchdogConfig(options, 'admin'));
}
