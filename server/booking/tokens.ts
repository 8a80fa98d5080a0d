/**
 * Manage tokens and booking ids. A token is 256 random bits (unguessable); bookings are found by
 * the token's SHA-256, so the bookings list itself holds no token.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh manage token: 43 base64url characters. */
export function newManageToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A booking id: random, so ids reveal neither order nor volume. */
export function newBookingId(): string {
  return `bk_${randomBytes(12).toString('base64url')}`;
}
