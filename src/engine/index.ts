/**
 * The engine's one public face. Pure, synchronous, DOM-free: it imports luxon only and runs
 * unchanged in Node (a clinic's server re-checking a booking), in a Web Worker and in a page.
 */
export type { ChangeKind, ChangeRefusal } from './change-policy.ts';
export { changeRefusal } from './change-policy.ts';
export type { BookedTime, PreparedChecks, SlotChecker } from './check-slot.ts';
export { checkSlot, prepareChecks } from './check-slot.ts';
export type { DayDiff, DiffOptions, DiffResult, DisplacedBusy, RulesDiff } from './diff.ts';
export { diffRules } from './diff.ts';
export { generateSlots, slotSteps } from './generate.ts';
export { NUMBER_RANGES, QUERY_LIMITS, SIZE_LIMITS } from './limits.ts';
export type { LintOptions, LintResult } from './lint.ts';
export { lintRules } from './lint.ts';
export type { Steps } from './steps.ts';
export { runToEnd } from './steps.ts';
export type * from './types.ts';
export { validateRules } from './validate.ts';
