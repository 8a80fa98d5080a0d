/**
 * Test helpers for the admin page: a fake slot client whose lint and diff jobs the test answers
 * (or that answers them at once with the real engine), a fake preview mount and a small clinic.
 */

import type { MountPreview } from '../../src/admin/components/Preview.tsx';
import { diffRules } from '../../src/engine/diff.ts';
import { generateSlots } from '../../src/engine/generate.ts';
import { lintRules } from '../../src/engine/lint.ts';
import type { RulesDocument } from '../../src/engine/types.ts';
import type { AdminSlotClient } from '../../src/worker/client/admin-client.ts';
import type { JobStats } from '../../src/worker/client/client.ts';
import clinic from '../fixtures/admin-clinic.json' with { type: 'json' };

export const STATS: JobStats = {
  elapsedMs: 3,
  slotCount: 0,
  diagnosticCount: 0,
  degraded: false,
  cached: false,
};

interface Pending {
  kind: 'lint' | 'diff';
  draft: unknown;
  signal: AbortSignal | undefined;
  resolve: (value: { result: unknown; stats: JobStats }) => void;
  reject: (error: unknown) => void;
}

/**
 * A slot client for tests. `auto: true` answers every lint and diff at once with the real engine
 * (in this thread); otherwise they wait in `pending` until the test answers them. Slots (the free
 * times of a move) are the real engine's at once.
 */
export function fakeSlotClient(options: { auto: boolean }) {
  const pending: Pending[] = [];
  const calls: Array<{ kind: 'lint' | 'diff'; draft: unknown }> = [];
  const job = (
    kind: 'lint' | 'diff',
    draft: unknown,
    signal: AbortSignal | undefined,
    compute: () => unknown,
  ) => {
    calls.push({ kind, draft });
    if (options.auto) return Promise.resolve({ result: compute(), stats: STATS });
    return new Promise<{ result: unknown; stats: JobStats }>((resolve, reject) => {
      pending.push({ kind, draft, signal, resolve, reject });
    });
  };
  const client = {
    slots: (rules, query) => {
      const found = generateSlots(rules, query);
      if (!found.ok) return Promise.reject(new Error(found.errors[0]?.message));
      const { slots, truncated, diagnostics } = found;
      return Promise.resolve({ slots, truncated, diagnostics, stats: STATS });
    },
    validate: () => Promise.reject(new Error('not used by the admin page')),
    lint: (rules, lint, jobOptions) => job('lint', rules, jobOptions?.signal, () => lintRules(rules, lint)),
    diff: (saved, draft, diff, jobOptions) =>
      job('diff', draft, jobOptions?.signal, () => diffRules(saved, draft, diff)),
    warm: () => {},
    ready: () => Promise.resolve(),
    dispose: () => {},
  } as AdminSlotClient;
  return { client, pending, calls };
}

/** A preview mount that records the drafts it was given. */
export function fakePreview() {
  const shown: unknown[] = [];
  const mount: MountPreview = (el, rules) => {
    shown.push(rules);
    el.textContent = 'preview';
    return { setRules: (next) => shown.push(next), update: () => {}, destroy: () => {} };
  };
  return { mount, shown };
}

/** A small clinic in New York: Dr. Lee (Mon, Sun), Dr. Kim (Tue), one type. */
export function smallClinic(): RulesDocument {
  return structuredClone(clinic) as RulesDocument;
}

/** 2026-11-24 12:00 UTC, a Tuesday. */
export const NOW = Date.parse('2026-11-24T12:00:00Z');

async function noChange(): Promise<never> {
  throw new Error('This test changes no booking.');
}

/**
 * The bookings list's changes for a test that changes no booking (the admin client's cancel and
 * move, and the free times): one that is asked fails the test.
 */
export const NO_CHANGES = {
  api: { cancelForPatient: noChange, moveForPatient: noChange },
  freeTimes: noChange,
};
