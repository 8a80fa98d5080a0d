/**
 * What a link from a reminder email may choose for the patient, in the page address's fragment,
 * beside the manage token's `booking=`: `#type=checkup&provider=dr-lee&date=2026-12-03`. A
 * fragment never reaches the clinic's server or its logs, and clinic staff can write these links
 * without touching the page. Values are ids and a date, never patient data.
 */
import { fragmentValue } from './fragment.ts';
import type { WidgetOptions } from './options.ts';

/** The visit, provider and day a link chose; absent keys are left to the host and the patient. */
export type LinkChoice = Pick<WidgetOptions, 'appointmentTypeId' | 'providerId' | 'date'>;

// Ids of the clinic's rules and dates are letters, digits, ".", "_" and "-": a value with
// anything else (a %-escape) names nothing the clinic has, and is left out.
const VALUE = /^[\w.-]{1,100}$/;
const OPTION = { type: 'appointmentTypeId', provider: 'providerId', date: 'date' } as const;

/**
 * The choice in a URL fragment. A value that is no id of the clinic's rules, or no date, is
 * ignored later as the same attribute would be.
 * @example linkChoice('#type=checkup&date=2026-12-03') // { appointmentTypeId: 'checkup', date: '2026-12-03' }
 */
export function linkChoice(hash: string): LinkChoice {
  const choice: LinkChoice = {};
  for (const [key, option] of Object.entries(OPTION)) {
    const value = fragmentValue(hash, key, VALUE);
    if (value !== undefined) choice[option] = value;
  }
  return choice;
}
