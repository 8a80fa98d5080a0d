/**
 * The bounds of a staff password, one module for the admin page's fields and the server's checks,
 * so a password the page accepts is never refused for its length by the server.
 */
export const PASSWORD_LENGTH = {
  /** Long enough to mean something. */
  min: 12,
  /** Short enough that hashing it is no denial of service. */
  max: 256,
} as const;
