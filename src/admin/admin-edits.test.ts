import { describe, expect, it } from 'vitest';
import {
  addWeeklySpan,
  removeOverrideSpan,
  removeWeeklySpan,
  setTypeNumber,
  setTypeProvider,
} from './edits.ts';
import { locatePointer } from './json-locate.ts';
import { fromPointer, setAt, toPointer } from './pointer.ts';

const doc = {
  providers: [
    { id: 'a', name: 'A', weekly: { mon: [{ start: '09:00', end: '12:00' }] } },
    { id: 'b/c', name: 'B' },
  ],
  appointmentTypes: [{ id: 't', name: 'T', durationMinutes: 20, providerIds: ['b/c'] }],
};

describe('JSON Pointers', () => {
  it('escapes ~ and / and reads them back', () => {
    expect(toPointer(['weekly', 'a/b~c', 0])).toBe('/weekly/a~1b~0c/0');
    expect(fromPointer('/weekly/a~1b~0c/0')).toEqual(['weekly', 'a/b~c', '0']);
    expect(fromPointer('')).toEqual([]);
  });

  it('copies only the path it changes', () => {
    const next = setAt(doc, ['providers', 0, 'name'], 'Z') as typeof doc;
    expect(next.providers[0]!.name).toBe('Z');
    expect(doc.providers[0]!.name).toBe('A');
    expect(next.providers[1]).toBe(doc.providers[1]);
    expect(next.appointmentTypes).toBe(doc.appointmentTypes);
  });
});

describe('editor actions', () => {
  it('adds a span an hour after the last one, and drops an emptied weekday', () => {
    const added = addWeeklySpan(doc, 0, 'mon') as typeof doc;
    expect(added.providers[0]!.weekly?.mon).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '14:00' },
    ]);
    const removed = removeWeeklySpan(doc, 0, 'mon', 0) as typeof doc;
    expect(removed.providers[0]!.weekly).toEqual({});
  });

  it('keeps a closed override day as hours: []', () => {
    const withOverride = {
      providers: [
        { id: 'a', overrides: [{ date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] }] },
      ],
    };
    expect(removeOverrideSpan(withOverride, 0, 0, 0)).toEqual({
      providers: [{ id: 'a', overrides: [{ date: '2026-12-24', hours: [] }] }],
    });
  });

  it('writes numbers as numbers, removes empty optional settings and keeps odd text for validation to name', () => {
    const step = setTypeNumber(doc, 0, 'stepMinutes', ' 15 ') as typeof doc;
    expect(step.appointmentTypes[0]).toMatchObject({ stepMinutes: 15 });
    expect(setTypeNumber(step, 0, 'stepMinutes', '')).toEqual(doc);
    expect((setTypeNumber(doc, 0, 'capacity', 'eight') as typeof doc).appointmentTypes[0]).toMatchObject({
      capacity: 'eight',
    });
  });

  it("keeps a type's providers in the document's order", () => {
    const both = setTypeProvider(doc, 0, 'a', true) as typeof doc;
    expect(both.appointmentTypes[0]!.providerIds).toEqual(['a', 'b/c']);
    expect((setTypeProvider(both, 0, 'b/c', false) as typeof doc).appointmentTypes[0]!.providerIds).toEqual([
      'a',
    ]);
  });
});

describe('locatePointer', () => {
  const text = JSON.stringify(doc, null, 2);

  it('finds the text of a nested value, with escaped keys', () => {
    const at = (pointer: string) => {
      const range = locatePointer(text, pointer);
      return range ? text.slice(range.start, range.end) : null;
    };
    expect(at('/providers/0/weekly/mon/0/end')).toBe('"12:00"');
    expect(at('/providers/1/id')).toBe('"b/c"');
    expect(at('/appointmentTypes/0/durationMinutes')).toBe('20');
    expect(at('/providers/1')).toBe('{\n      "id": "b/c",\n      "name": "B"\n    }');
    expect(at('/busy/0')).toBeNull();
  });
});
