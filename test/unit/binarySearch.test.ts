import { describe, expect, it } from 'vitest';
import { firstIndexWhere } from '../../src/core/text/binarySearch';
import { prng } from './prng';

describe('firstIndexWhere', () => {
  it('handles the empty range and predicates true everywhere or nowhere', () => {
    expect(firstIndexWhere(0, () => true)).toBe(0);
    expect(firstIndexWhere(5, () => true)).toBe(0);
    expect(firstIndexWhere(5, () => false)).toBe(5);
  });

  it('finds the first index at or after a value, as a linear scan does', () => {
    const random = prng(7);
    for (let round = 0; round < 200; round++) {
      const values: number[] = [];
      for (let n = Math.floor(random() * 20), v = 0; values.length < n; ) values.push((v += Math.floor(random() * 3)));
      const x = Math.floor(random() * 25) - 2;
      const linear = values.findIndex((v) => v >= x);
      expect(firstIndexWhere(values.length, (i) => values[i] >= x)).toBe(linear < 0 ? values.length : linear);
    }
  });
});
