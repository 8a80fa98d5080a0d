/** Text echoed back in messages: a query or check can carry anything, and a message must stay a sentence. */

const ECHO_LIMIT = 60;

/**
 * Caller-given text cut to 60 characters for a message.
 * @example shorten('x'.repeat(100)) === `${'x'.repeat(60)}…`
 */
export function shorten(text: string): string {
  return text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}…` : text;
}
