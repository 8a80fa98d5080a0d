import { describe, expect, it } from 'vitest';
import { signInMessage } from './session.ts';

describe('signInMessage', () => {
  it('names a wrong password (401 INVALID_LOGIN)', () => {
    expect(
      signInMessage({ code: 'BAD_REQUEST', serverCode: 'INVALID_LOGIN', status: 401, message: 'x' }),
    ).toBe('Wrong email or password: they do not match a staff account of this clinic.');
  });

  it("names the rate limit (429 RATE_LIMITED) with the server's wait in whole minutes, rounded up", () => {
    const limited = { code: 'BAD_REQUEST' as const, serverCode: 'RATE_LIMITED', status: 429, message: 'x' };
    expect(signInMessage({ ...limited, retryAfterSeconds: 61 })).toBe(
      'Too many sign-in attempts for this account: try again in 2 minutes.',
    );
    expect(signInMessage({ ...limited, retryAfterSeconds: 30 })).toBe(
      'Too many sign-in attempts for this account: try again in 1 minute.',
    );
    expect(signInMessage(limited)).toBe('Too many sign-in attempts for this account: try again later.');
  });

  it("gives any other failure the client's message", () => {
    expect(signInMessage({ code: 'NETWORK', message: "The clinic's server could not be reached." })).toBe(
      "Could not sign in: The clinic's server could not be reached.",
    );
  });
});
