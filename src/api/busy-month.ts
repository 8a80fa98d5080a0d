/**
 * The instant range a month's busy window covers, shared by the clinic server (which builds the
 * window) and the browser client (which refuses a window for another range). Pure arithmetic on
 * UTC epoch values: no zone is involved.
 */

/** A calendar month, `YYYY-MM`, from 2000-01 to 2999-12. */
export const BUSY_MONTH = /^(2\d{3})-(0[1-9]|1[0-2])$/;

/** The margin each side of the month's UTC days: every zone's local dates of the month, and buffers. */
export const BUSY_MARGIN_MS = 36 * 60 * 60 * 1000;

/**
 * `[Date.UTC(first day) − 36 h, Date.UTC(first day of next month) + 36 h)`: it holds every local
 * date of the month in every zone on Earth (UTC−12 to UTC+14) with room for buffers. `null` for
 * anything that is not a month.
 * @example busyMonthRange('2026-12') // { start: Date.parse('2026-11-29T12:00Z'), end: Date.parse('2027-01-02T12:00Z') }
 */
export function busyMonthRange(month: string): { start: number; end: number } | null {
  const match = BUSY_MONTH.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return {
    start: Date.UTC(year, index, 1) - BUSY_MARGIN_MS,
    end: Date.UTC(year, index + 1, 1) + BUSY_MARGIN_MS,
  };
}
