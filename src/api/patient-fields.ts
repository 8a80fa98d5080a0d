/**
 * The checks and limits of a patient's booking details, one module for the widget's form and the
 * server's booking step, so a detail the form accepts is never refused by the server (which
 * refuses exactly what a hand-made request could add beyond the form).
 */
export const PATIENT_LIMITS = {
  /** Characters in the patient's name, after trimming. */
  nameLength: 200,
  /** RFC 5321's longest address. */
  emailLength: 254,
  /** Characters of a phone number as typed, separators included. */
  phoneLength: 40,
  /** Characters in the free-text reason for the visit. */
  reasonLength: 1000,
  /** The oldest birth year accepted, in years before the current one: typos like 0985 are caught. */
  maxAgeYears: 130,
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An address with one `@`, a dot in its domain and no spaces, within RFC 5321's length: what a
 * typo breaks, without refusing the unusual addresses that do exist.
 * @example isEmailAddress('ana@clinic.example') === true; isEmailAddress('ana@clinic') === false
 */
export function isEmailAddress(text: string): boolean {
  return text.length <= PATIENT_LIMITS.emailLength && EMAIL.test(text);
}

/**
 * 7 to 15 digits (a local number to E.164's maximum), an optional leading `+`, and the usual
 * separators (spaces, dots, dashes, parentheses).
 * @example isPhoneNumber('+1 (555) 010-0199') === true; isPhoneNumber('555-01') === false
 */
export function isPhoneNumber(text: string): boolean {
  if (text.length > PATIENT_LIMITS.phoneLength || !/^\+?[\d\s().-]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

/**
 * C0 and C1 controls (CR and LF split email headers and calendar lines; NUL ends C strings), and
 * the bidirectional marks, overrides and isolates that make a name read as something else. A
 * longer text (the reason for the visit) may keep its line breaks.
 */
export function hasControl(text: string, allowLineBreaks = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (allowLineBreaks && (c === 0x0a || c === 0x0d)) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x200e || c === 0x200f) return true;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}
