/**
 * Reading a document that may be anything: every property is read once, as an own data property,
 * inside a try. A getter is never run (a rules document is plain JSON data, and a getter could
 * answer differently when the engine reads it again), a Proxy trap that throws becomes an error
 * value, and unknown content is never descended into, so cycles and deep nesting cost nothing.
 *
 * `Scope` wraps one object of the document with its JSON Pointer and the name used for it in
 * messages, and offers typed readers that report what is wrong and return `undefined`.
 */

import { NUMBER_RANGES, SIZE_LIMITS } from './limits.ts';
import { pointer, type Report } from './validate-report.ts';
import { describeValue, formatCount, quote } from './validate-text.ts';

/** Marks a property that exists but cannot be read as plain data (a getter, a throwing Proxy). */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** An own data property of `target`; `undefined` when absent, `UNREADABLE` when it cannot be read. */
export function readOwn(target: object, key: string | number): unknown {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor === undefined) return undefined;
    return 'value' in descriptor ? descriptor.value : UNREADABLE;
  } catch {
    return UNREADABLE;
  }
}

/** `true` for a non-array object; `false` otherwise, including a revoked Proxy. */
export function isRecord(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

function isList(value: unknown): value is object {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** The own enumerable keys of an object, or `null` when a Proxy refuses to list them. */
function ownKeys(target: object): string[] | null {
  try {
    return Object.keys(target);
  } catch {
    return null;
  }
}

export type NumberField = keyof typeof NUMBER_RANGES;

/** A list of the document whose size is already known to be within its limit. */
export interface ListRef {
  readonly target: object;
  readonly length: number;
  readonly path: string;
  readonly key: string;
}

export class Scope {
  private pointer: string | undefined;

  constructor(
    readonly report: Report,
    readonly target: object,
    private readonly parentPath: string,
    /** This object's key in its parent, or `null` for the document itself. */
    private readonly key: string | number | null,
    /** How messages name this object, e.g. `Dr. Ana Lee` or `Appointment type "Follow-up"`. */
    public owner: string,
  ) {}

  /** The JSON Pointer to this object; built on first use, as most objects never need it. */
  get path(): string {
    this.pointer ??= this.key === null ? this.parentPath : pointer(this.parentPath, this.key);
    return this.pointer;
  }

  /** A field's value; `undefined` when absent (reported if required) or unreadable (reported). */
  field(key: string, required: boolean): unknown {
    const value = readOwn(this.target, key);
    if (value === UNREADABLE) {
      this.report.error(
        'INVALID_FIELD',
        pointer(this.path, key),
        `${this.owner}: "${key}" could not be read; a rules document must be plain JSON data.`,
      );
      return undefined;
    }
    if (value === undefined && required) {
      this.report.error(
        'MISSING_FIELD',
        pointer(this.path, key),
        `${this.owner} has no "${key}"; it is required.`,
      );
    }
    return value;
  }

  invalid(key: string, expected: string, value: unknown): void {
    // Servers often write `null` for "no value": say how to write that instead.
    const hint = value === null ? '; to leave it out, omit the field' : '';
    this.report.error(
      'INVALID_FIELD',
      pointer(this.path, key),
      `${this.owner}: "${key}" must be ${expected}, but it is ${describeValue(value)}${hint}.`,
    );
  }

  /** A non-empty text of at most `maxLength` UTF-16 code units. */
  string(key: string, required: boolean, maxLength: number = SIZE_LIMITS.stringLength): string | undefined {
    const value = this.field(key, required);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.invalid(key, 'a text', value);
      return undefined;
    }
    if (value.trim() === '') {
      this.report.error(
        'INVALID_FIELD',
        pointer(this.path, key),
        `${this.owner}: "${key}" must not be empty.`,
      );
      return undefined;
    }
    if (value.length > maxLength) {
      this.report.error(
        'TOO_LARGE',
        pointer(this.path, key),
        `${this.owner}: "${key}" is ${formatCount(value.length)} characters long; at most ${formatCount(maxLength)} are allowed.`,
      );
      return undefined;
    }
    return value;
  }

  /** An integer within `NUMBER_RANGES[key]`; a numeric text, NaN, Infinity or a fraction is refused. */
  integer(key: NumberField, required: boolean): number | undefined {
    const value = this.field(key, required);
    if (value === undefined) return undefined;
    const [min, max] = NUMBER_RANGES[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.report.error(
      'INVALID_NUMBER',
      pointer(this.path, key),
      `${this.owner}: "${key}" must be a whole number from ${formatCount(min)} to ${formatCount(max)}, but it is ${describeValue(value)}.`,
    );
    return undefined;
  }

  /** `true` or `false`. */
  boolean(key: string): boolean | undefined {
    const value = this.field(key, false);
    if (value === undefined || typeof value === 'boolean') return value;
    this.invalid(key, 'true or false', value);
    return undefined;
  }

  /** One of a fixed set of texts. */
  choice<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.field(key, false);
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const names = allowed.map((name) => `"${name}"`);
    const listed = `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    this.invalid(key, `one of ${listed}`, value);
    return undefined;
  }

  /** A nested object as its own scope, named `owner` in messages. */
  object(key: string, required: boolean, owner: string): Scope | undefined {
    const value = this.field(key, required);
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      this.invalid(key, 'an object', value);
      return undefined;
    }
    return new Scope(this.report, value, this.path, key, owner);
  }

  /** A list of at most `limit` entries; its size is checked before any entry is looked at. */
  list(key: string, required: boolean, limit: number): ListRef | undefined {
    const value = this.field(key, required);
    if (value === undefined) return undefined;
    if (!isList(value)) {
      this.invalid(key, 'a list', value);
      return undefined;
    }
    const path = pointer(this.path, key);
    const length = readOwn(value, 'length');
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      this.report.error(
        'INVALID_FIELD',
        path,
        `${this.owner}: "${key}" is a list whose length cannot be read.`,
      );
      return undefined;
    }
    if (length > limit) {
      this.report.error(
        'TOO_LARGE',
        path,
        `${this.owner}: "${key}" has ${formatCount(length)} entries; at most ${formatCount(limit)} are allowed.`,
      );
      return undefined;
    }
    return { target: value, length, path, key };
  }

  /** Warns about each field that is not in `known` (forward compatibility: it is ignored). */
  warnUnknownFields(known: ReadonlySet<string>): void {
    const keys = ownKeys(this.target);
    if (keys === null) {
      this.report.error(
        this.key === null ? 'INVALID_DOCUMENT' : 'INVALID_FIELD',
        this.path,
        `${this.owner} could not be read; a rules document must be plain JSON data.`,
      );
      return;
    }
    for (const key of keys) {
      if (known.has(key)) continue;
      this.report.warn(
        'UNKNOWN_FIELD',
        pointer(this.path, key),
        `${this.owner}: the field ${quote(key)} is not part of rules format v1 and is ignored.`,
      );
    }
  }
}

/** Entry `index` of a list; reports a hole, a non-object or an unreadable entry. */
export function openEntry(report: Report, list: ListRef, index: number, owner: string): Scope | undefined {
  const value = readOwn(list.target, index);
  if (value === UNREADABLE) {
    report.error(
      'INVALID_FIELD',
      pointer(list.path, index),
      `${owner} could not be read; a rules document must be plain JSON data.`,
    );
    return undefined;
  }
  if (!isRecord(value)) {
    report.error(
      'INVALID_FIELD',
      pointer(list.path, index),
      `${owner} must be an object, but it is ${describeValue(value)}.`,
    );
    return undefined;
  }
  return new Scope(report, value, list.path, index, owner);
}

/** Entry `index` of a list of texts (e.g. `providerIds`). */
export function readTextEntry(
  report: Report,
  list: ListRef,
  index: number,
  owner: string,
): string | undefined {
  const value = readOwn(list.target, index);
  if (typeof value === 'string' && value.trim() !== '') {
    if (value.length <= SIZE_LIMITS.stringLength) return value;
    report.error(
      'TOO_LARGE',
      pointer(list.path, index),
      `${owner}: entry #${index + 1} of "${list.key}" is ${formatCount(value.length)} characters long; at most ${formatCount(SIZE_LIMITS.stringLength)} are allowed.`,
    );
    return undefined;
  }
  const shown = value === UNREADABLE ? 'unreadable' : describeValue(value);
  report.error(
    'INVALID_FIELD',
    pointer(list.path, index),
    `${owner}: entry #${index + 1} of "${list.key}" must be an id (a non-empty text), but it is ${shown}.`,
  );
  return undefined;
}
