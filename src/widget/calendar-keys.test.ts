import { describe, expect, it } from 'vitest';
import { moveFocus, moveForKey } from './calendar-keys.ts';

const MIN = '2024-12-01';
const MAX = '2025-03-31';

function press(key: string, from: string, shift = false, weekStart = 0): string | undefined {
  const move = moveForKey(key, shift);
  return move && moveFocus(from, move, weekStart, MIN, MAX);
}

describe('the grid keys', () => {
  it.each([
    ['ArrowRight', '2024-12-31', '2025-01-01'],
    ['ArrowLeft', '2024-12-10', '2024-12-09'],
    ['ArrowDown', '2024-12-28', '2025-01-04'],
    ['ArrowUp', '2024-12-10', '2024-12-03'],
    ['PageDown', '2025-01-31', '2025-02-28'],
    ['PageUp', '2025-03-31', '2025-02-28'],
    ['Home', '2024-12-11', '2024-12-08'],
    ['End', '2024-12-11', '2024-12-14'],
  ])('%s from %s goes to %s', (key, from, to) => {
    expect(press(key, from)).toBe(to);
  });

  it('Home and End follow the locale week start', () => {
    expect(press('Home', '2024-12-11', false, 1)).toBe('2024-12-09');
    expect(press('End', '2024-12-11', false, 1)).toBe('2024-12-15');
  });

  it('Shift+PageDown moves a year, clamped to the window', () => {
    expect(press('PageDown', '2024-12-15', true)).toBe(MAX);
    expect(press('PageUp', '2025-02-15', true)).toBe(MIN);
  });

  it('stays inside the window', () => {
    expect(press('ArrowLeft', MIN)).toBe(MIN);
    expect(press('ArrowUp', '2024-12-05')).toBe(MIN);
    expect(press('ArrowRight', MAX)).toBe(MAX);
  });

  it('ignores other keys and swaps arrows right to left', () => {
    expect(moveForKey('a', false)).toBeUndefined();
    expect(moveForKey('Tab', false)).toBeUndefined();
    expect(moveForKey('ArrowLeft', false, true)).toEqual({ kind: 'days', by: 1 });
  });
});
