/**
 * Instants cross into SQL as epoch milliseconds and come back the same way, so no driver's date
 * parsing (or the machine's zone) is ever involved.
 */

/** SQL for a bound epoch-ms parameter as `timestamptz`, e.g. `at('$3')`. */
export const at = (param: string) => `to_timestamp(${param}::float8 / 1000)`;

/** SQL that reads a `timestamptz` column as epoch milliseconds (a float8, a plain JS number). */
export const ms = (column: string) => `round(extract(epoch from ${column}) * 1000)::float8`;
