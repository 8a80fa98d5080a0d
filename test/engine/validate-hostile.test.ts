import { describe, expect, it } from 'vitest';
import { validateRules } from '../../src/engine/validate.ts';
import { baseDocument, errorsOf, onlyError } from './validate-fixture.ts';

/** Wraps a list so the test can count how many of its entries validation looked at. */
function countingList<T>(entries: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const isEntry = (key: string | symbol) => typeof key === 'string' && /^\d+$/.test(key);
  const list = new Proxy(entries, {
    get(target, key, receiver) {
      if (isEntry(key)) reads += 1;
      return Reflect.get(target, key, receiver);
    },
    getOwnPropertyDescriptor(target, key) {
      if (isEntry(key)) reads += 1;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  return { list, reads: () => reads };
}

describe('oversized lists are refused before any entry is read', () => {
  it('100,000 providers', () => {
    const document = baseDocument();
    const providers = countingList(
      Array.from({ length: 100_000 }, (_, i) => ({ id: `p${i}`, name: `P ${i}` })),
    );
    document.providers = providers.list;
    const result = validateRules(document);
    expect(errorsOf(result).map((error) => [error.code, error.path])).toEqual([['TOO_LARGE', '/providers']]);
    expect(providers.reads()).toBe(0);
  });

  it('200,001 busy entries', () => {
    const document = baseDocument();
    const busy = countingList(new Array(200_001).fill(document.busy[0]));
    document.busy = busy.list;
    expect(onlyError(document, 'TOO_LARGE', '/busy').message).toBe(
      'The document: "busy" has 200,001 entries; at most 200,000 are allowed.',
    );
    expect(busy.reads()).toBe(0);
  });

  it('a sparse list claiming a huge length', () => {
    const document = baseDocument();
    const closures: unknown[] = [];
    closures.length = 2 ** 32 - 1;
    document.closures = closures;
    onlyError(document, 'TOO_LARGE', '/closures');
  });
});

describe("intake questions at the format's bounds", () => {
  const asking = (questions: unknown[]) => {
    const document = baseDocument();
    document.version = 2;
    document.requires = ['intake-questions'];
    document.appointmentTypes[0].questions = questions;
    return document;
  };

  it('a question with 10,000 choices is refused before any choice is read', () => {
    const choices = countingList(Array.from({ length: 10_000 }, (_, i) => `Choice ${i}`));
    const document = asking([{ id: 'pick', kind: 'one-choice', label: 'Pick', choices: choices.list }]);
    expect(onlyError(document, 'TOO_LARGE', '/appointmentTypes/0/questions/0/choices').message).toBe(
      'Appointment type "New patient visit", question "pick": "choices" has 10,000 entries; at most 50 are allowed.',
    );
    expect(choices.reads()).toBe(0);
  });

  it('the most a document can ask (500 types, 20 questions of 50 choices each) is all checked', () => {
    // Short choices keep each type within its 20,000-character answer budget.
    const choices = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const questions = Array.from({ length: 20 }, (_, i) => ({
      id: `q${i}`,
      kind: 'several-choices',
      label: `Question ${i}`,
      choices,
    }));
    const document = asking(questions);
    const type = document.appointmentTypes[0];
    document.appointmentTypes = Array.from({ length: 500 }, (_, i) => ({
      ...type,
      id: `t${i}`,
      name: `T${i}`,
    }));
    expect(validateRules(document).ok).toBe(true);
    const last = document.appointmentTypes[499];
    document.appointmentTypes[499] = {
      ...last,
      questions: [...questions.slice(0, 19), { ...questions[19], choices: [...choices.slice(0, 49), 'c0'] }],
    };
    onlyError(document, 'DUPLICATE_ID', '/appointmentTypes/499/questions/19/choices/49');
  }, 30_000);
});

describe('200,000 valid busy entries', () => {
  it('are all checked, and a bad one at the end is still found', () => {
    const document = baseDocument();
    const entry = document.busy[0];
    document.busy = new Array(200_000).fill(entry);
    expect(validateRules(document).ok).toBe(true);
    document.busy[199_999] = { ...entry, end: entry.start };
    onlyError(document, 'EMPTY_INTERVAL', '/busy/199999');
  }, 30_000);
});

describe('cycles and depth', () => {
  it('a document that contains itself is validated, the cycles only warned about', () => {
    const document = baseDocument();
    document.self = document;
    document.providers[0].weekly.mon[0].provider = document.providers[0];
    const result = validateRules(document);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      '/self',
      '/providers/0/weekly/mon/0/provider',
    ]);
  });

  it('a deeply nested unknown value costs nothing', () => {
    const document = baseDocument();
    let deep: unknown[] = [];
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    document.clinic.extra = deep;
    expect(validateRules(document).ok).toBe(true);
    const nestedVersion = baseDocument();
    nestedVersion.version = deep;
    expect(onlyError(nestedVersion, 'UNSUPPORTED_VERSION', '/version').message).toContain('a list');
  });
});

describe('values that are not plain data', () => {
  it('a getter that throws is an error, not a throw', () => {
    const document = baseDocument();
    Object.defineProperty(document.providers[0], 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(onlyError(document, 'INVALID_FIELD', '/providers/0/name').message).toBe(
      'Provider "lee": "name" could not be read; a rules document must be plain JSON data.',
    );
  });

  it('a getter is never run, even one that would answer', () => {
    const document = baseDocument();
    let calls = 0;
    Object.defineProperty(document.appointmentTypes[0], 'durationMinutes', {
      enumerable: true,
      get() {
        calls += 1;
        return 40;
      },
    });
    onlyError(document, 'INVALID_FIELD', '/appointmentTypes/0/durationMinutes');
    expect(calls).toBe(0);
  });

  it('a list entry behind a throwing getter is an error at the entry', () => {
    const document = baseDocument();
    Object.defineProperty(document.closures, 0, {
      get() {
        throw new Error('boom');
      },
    });
    onlyError(document, 'INVALID_FIELD', '/closures/0');
  });

  it('Proxies whose traps throw are errors', () => {
    const throwing = <T extends object>(target: T, trap: keyof ProxyHandler<T>) =>
      new Proxy(target, {
        [trap]() {
          throw new Error('trap');
        },
      });
    const keys = baseDocument();
    keys.clinic = throwing(keys.clinic, 'ownKeys');
    onlyError(keys, 'INVALID_FIELD', '/clinic');
    expect(onlyError(throwing(baseDocument(), 'ownKeys'), 'INVALID_DOCUMENT', '').message).toBe(
      'The document could not be read; a rules document must be plain JSON data.',
    );
    const descriptor = baseDocument();
    descriptor.providers[1] = throwing(descriptor.providers[1], 'getOwnPropertyDescriptor');
    const errors = errorsOf(validateRules(descriptor));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.code === 'INVALID_FIELD' || error.code === 'MISSING_FIELD')).toBe(
      true,
    );
    expect(errors[0]?.path).toBe('/providers/1/id');
  });

  it('a revoked Proxy is refused wherever it is', () => {
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    expect(validateRules(revoked())).toEqual({
      ok: false,
      errors: [
        {
          code: 'INVALID_DOCUMENT',
          path: '',
          message: 'The rules document must be a JSON object, but it is an unreadable value.',
        },
      ],
      warnings: [],
    });
    const inside = baseDocument();
    inside.providers[0].weekly = revoked();
    onlyError(inside, 'INVALID_FIELD', '/providers/0/weekly');
  });

  it('an object without a prototype is read like any other', () => {
    const document = Object.assign(Object.create(null), baseDocument());
    expect(validateRules(document).ok).toBe(true);
  });

  it('inherited fields do not count: only own fields are read', () => {
    const document = Object.create(baseDocument());
    const result = validateRules(document);
    expect(errorsOf(result).map((error) => error.path)).toEqual([
      '/version',
      '/timezone',
      '/providers',
      '/appointmentTypes',
    ]);
  });
});
