/**
 * The clinics' current rules, compiled once per version. Versions are immutable, so a compiled
 * version is cached for good (a bounded number of them); only "which version is current" can
 * change, and a save on another instance is seen within `refreshMs` by reads and at once by the
 * booking step, which asks the database inside its transaction.
 */
import { createHash } from 'node:crypto';
import { savedRules } from '../../src/api/rules-forms.ts';
import type { Diagnostic, RulesDocument, SlotChecker } from '../../src/engine/index.ts';
import { prepareChecks, validateRules } from '../../src/engine/index.ts';
import { HttpError } from '../errors.ts';
import type { Queryable } from '../store/database.ts';
import { currentRulesStamp, findRulesVersion } from '../store/rules.ts';

export interface LoadedRules {
  version: number;
  etag: string;
  /** The document exactly as stored and served. */
  text: string;
  /** Validated and compiled; `null` with `errors` when the stored document does not validate. */
  rules: RulesDocument | null;
  checker: SlotChecker | null;
  errors: Diagnostic[];
}

/** A strong ETag of a served text. */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
}

const COMPILED_VERSIONS = 64;

export class RulesCatalog {
  private readonly compiled = new Map<string, LoadedRules>();
  /** Each clinic's stamp as last read, with its version's compiled rules once `current` has them. */
  private readonly stamps = new Map<
    string,
    { at: number; stamp: { version: number; etag: string } | null; loaded?: LoadedRules }
  >();
  private readonly refreshing = new Map<string, Promise<{ version: number; etag: string } | null>>();
  private readonly loading = new Map<string, Promise<LoadedRules>>();

  constructor(
    private readonly db: Queryable,
    private readonly refreshMs = 1_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The current version's number and ETag, at most `refreshMs` old when its refresh began. When
   * the copy is stale, the first request reads it again and waits for that read; the requests
   * arriving while it runs get the copy they would have had a moment earlier. Without this, every
   * request of the moment the copy expires (a hundred at a busy second) would query the database
   * at once; and on PGlite, whose one connection the bookings take in turn, they would all wait
   * behind the bookings queued for it.
   */
  async stamp(clinicId: string): Promise<{ version: number; etag: string } | null> {
    const cached = this.stamps.get(clinicId);
    const now = this.clock();
    if (cached && now - cached.at < this.refreshMs) return cached.stamp;
    const pending = this.refreshing.get(clinicId);
    if (pending) return cached ? cached.stamp : pending;
    const read = currentRulesStamp(this.db, clinicId)
      .then((stamp) => {
        this.stamps.set(clinicId, { at: now, stamp });
        return stamp;
      })
      .finally(() => this.refreshing.delete(clinicId));
    this.refreshing.set(clinicId, read);
    return read;
  }

  /** The current rules for reads (the admin page, `GET /rules`). 503 when the clinic has none. */
  async current(clinicId: string): Promise<LoadedRules> {
    const stamp = await this.stamp(clinicId);
    if (!stamp) throw rulesUnavailable();
    const loaded = await this.load(this.db, clinicId, stamp.version);
    const cached = this.stamps.get(clinicId);
    if (cached?.stamp === stamp) cached.loaded = loaded;
    return loaded;
  }

  /**
   * What `current` would answer, at once and without a promise, when the stamp is fresh and
   * `current` has already loaded its version: every read of a clinic but about one a second.
   * `undefined` otherwise; then ask `current`.
   */
  currentNow(clinicId: string): LoadedRules | undefined {
    const cached = this.stamps.get(clinicId);
    if (!cached?.loaded || this.clock() - cached.at >= this.refreshMs) return undefined;
    return cached.loaded;
  }

  /**
   * The current rules for the booking step, read inside its transaction (`tx`), so a save
   * committed on any instance is seen. 503 `RULES_INVALID` when they do not validate.
   */
  async forBooking(
    tx: Queryable,
    clinicId: string,
  ): Promise<LoadedRules & { rules: RulesDocument; checker: SlotChecker }> {
    return this.forBookingAt(tx, clinicId, await currentRulesStamp(tx, clinicId));
  }

  /** As `forBooking`, with the current version's stamp already read in `tx` (null: none). */
  async forBookingAt(
    tx: Queryable,
    clinicId: string,
    stamp: { version: number; etag: string } | null,
  ): Promise<LoadedRules & { rules: RulesDocument; checker: SlotChecker }> {
    if (!stamp) throw rulesUnavailable();
    const loaded = await this.load(tx, clinicId, stamp.version);
    if (!loaded.rules || !loaded.checker) {
      throw new HttpError(503, {
        code: 'RULES_INVALID',
        message: "The clinic's rules have errors, so bookings are paused until an administrator fixes them.",
      });
    }
    return loaded as LoadedRules & { rules: RulesDocument; checker: SlotChecker };
  }

  /** A version now current on this instance (after a save here): reads see it at once. */
  saved(clinicId: string, stamp: { version: number; etag: string }): void {
    this.stamps.set(clinicId, { at: this.clock(), stamp });
  }

  private async load(db: Queryable, clinicId: string, version: number): Promise<LoadedRules> {
    const key = `${clinicId}\n${version}`;
    const known = this.compiled.get(key);
    if (known) {
      // Most recently used last, so the oldest entry is the first one evicted.
      this.compiled.delete(key);
      this.compiled.set(key, known);
      return known;
    }
    // Reads outside a transaction share one load of a version, so a new version is read and
    // compiled once however many requests ask for it at that moment. A transaction never waits
    // for another's load: on PGlite's one connection that load could be queued behind it.
    if (db !== this.db) return this.read(db, key, clinicId, version);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loading = this.read(db, key, clinicId, version).finally(() => this.loading.delete(key));
    this.loading.set(key, loading);
    return loading;
  }

  private async read(db: Queryable, key: string, clinicId: string, version: number): Promise<LoadedRules> {
    const row = await findRulesVersion(db, clinicId, version);
    if (!row) throw rulesUnavailable();
    const loaded = compile(row.version, row.etag, row.document);
    this.compiled.set(key, loaded);
    if (this.compiled.size > COMPILED_VERSIONS) {
      const oldest = this.compiled.keys().next().value;
      if (oldest !== undefined) this.compiled.delete(oldest);
    }
    return loaded;
  }
}

function compile(version: number, etag: string, text: string): LoadedRules {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { version, etag, text, rules: null, checker: null, errors: [] };
  }
  const validation = validateRules(savedRules(parsed));
  if (!validation.ok) return { version, etag, text, rules: null, checker: null, errors: validation.errors };
  const prepared = prepareChecks(validation.rules);
  if (!prepared.ok) return { version, etag, text, rules: null, checker: null, errors: prepared.errors };
  return { version, etag, text, rules: validation.rules, checker: prepared.checker, errors: [] };
}

function rulesUnavailable(): HttpError {
  return new HttpError(503, {
    code: 'RULES_UNAVAILABLE',
    message: "The clinic's rules cannot be read right now; bookings are paused.",
  });
}
