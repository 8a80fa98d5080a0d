/**
 * What the shape checks learn on the way, for the checks that look across the document
 * (references, duplicates) and for the warnings that need the whole picture.
 */

import type { Weekday } from './types.ts';

export interface ProviderFacts {
  readonly index: number;
  readonly id: string | undefined;
  /** How messages name the provider: its name, else its id, else its position. */
  readonly label: string;
  /**
   * Merged hours of each weekday and override that has any, labelled `Monday hours`, `hours on
   * 2026-12-24`, with the weekday they fall on (a type's own hours are those of that weekday).
   */
  readonly days: Array<{ readonly label: string; readonly weekday: Weekday; readonly spans: MergedSpans }>;
  /** Merged weekly hours by weekday (days with none are absent). */
  readonly weekly: Partial<Record<Weekday, MergedSpans>>;
}

export interface TypeFacts {
  readonly index: number;
  readonly path: string;
  readonly label: string;
  readonly durationMinutes: number | undefined;
  readonly stepMinutes: number | undefined;
  readonly minNoticeMinutes: number | undefined;
  readonly maxAdvanceDays: number | undefined;
  /** Indexes in the document's `providers` of the providers the type lists. */
  readonly providers: number[];
  /** The type's own `hours` by weekday (version 2, `type-hours`); `undefined`: not restricted. */
  readonly hours: Partial<Record<Weekday, MergedSpans>> | undefined;
}

/** Ids seen so far, each with the index of its first owner; `null` when the list itself was unusable. */
export type IdRegistry = Map<string, number> | null;

export interface DocumentFacts {
  /** 1 or 2; fields of version 2 are unknown fields in a version-1 document. */
  version: 1 | 2;
  /** The features the document requires (always empty in version 1). */
  features: ReadonlySet<string>;
  /** The document's zone, when valid. */
  documentZone: string | undefined;
  /** Each location's own zone (locations without one, or with an invalid one, are absent). */
  readonly locationZones: Map<string, string>;
  locationIds: IdRegistry;
  providerIds: IdRegistry;
  typeIds: IdRegistry;
  /** By the provider's index in `providers` (entries that are not objects are absent). */
  readonly providers: Map<number, ProviderFacts>;
  readonly types: TypeFacts[];
  maxSlotsPerDay: number | undefined;
  /** Whether types may ask intake questions (version 2 requiring `intake-questions`). */
  questionsAllowed: QuestionsAllowed;
}

/** Whether the document may carry questions: only a version-2 document that requires them. */
export type QuestionsAllowed = 'allowed' | 'version-1' | 'not-required';

export function emptyFacts(): DocumentFacts {
  return {
    version: 1,
    features: new Set(),
    documentZone: undefined,
    locationZones: new Map(),
    locationIds: null,
    providerIds: null,
    typeIds: null,
    providers: new Map(),
    types: [],
    maxSlotsPerDay: undefined,
    questionsAllowed: 'version-1',
  };
}

/**
 * One day's hours in minutes after midnight, merged: sorted and disjoint, touching only where
 * two spans are at different locations.
 */
export type MergedSpans = ReadonlyArray<readonly [start: number, end: number]>;
