import { describe, expect, it } from 'vitest';
import { sameJson } from '../../src/store/embedded/graph-state.js';

describe('sameJson: whether two values would serialise to the same JSON, up to key order', () => {
  it('ignores key order and keys holding undefined, as JSON.stringify drops them', () => {
    expect(sameJson({ a: 1, b: { c: ['x', 'y'] } }, { b: { c: ['x', 'y'] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });

  it('tells apart a changed, added or removed value, array order and length, and null from an object', () => {
    expect(sameJson({ a: 1, b: 'x' }, { a: 1, b: 'y' })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(sameJson({ a: 1, b: 0 }, { a: 1 })).toBe(false);
    expect(sameJson(['x', 'y'], ['y', 'x'])).toBe(false);
    expect(sameJson(['x'], ['x', 'x'])).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson({ 0: 'x' }, ['x'])).toBe(false);
    expect(sameJson(1, '1')).toBe(false);
  });
});
