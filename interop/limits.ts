/**
 * Every bound of the FHIR import and the SMART Scheduling Links export, in one place. Going past
 * one is a named error or a counted skip, never unbounded work.
 */

export const IMPORT_LIMITS = {
  /** Characters of input text (a bundle or NDJSON) read at all: 50 MiB of ASCII. */
  maxInputChars: 50 * 1024 * 1024,
  /** Resources in one input (bundle entries or NDJSON lines). */
  maxResources: 200_000,
  /** Entries read from one list of a resource (`availableTime`, `notAvailable`, `participant`…). */
  maxListEntries: 500,
  /** Problems listed one by one; past this one more says how many were left out. */
  maxProblems: 500,
  /** Examples kept for each kind of skip. */
  maxSkipExamples: 10,
  /** Days after `now` that the import reads: busy time and time off beyond are cut or skipped. */
  defaultHorizonDays: 366,
  maxHorizonDays: 3660,
  /** Longest text read as an id, a code or a name. */
  maxTextLength: 500,
} as const;

export const PUBLISH_LIMITS = {
  /** Days published by default, from `now`'s date in the clinic's zone. */
  defaultDays: 28,
  /** The most days one publication covers (one engine query per appointment type). */
  maxDays: 366,
  /** Slots (free and busy) in one publication. */
  maxSlots: 500_000,
  /** The worker's deadline and heap unless the caller sets its own. */
  defaultDeadlineMs: 60_000,
  defaultMaxOldGenerationSizeMb: 1024,
} as const;
