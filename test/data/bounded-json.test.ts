import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/data-error.js';
import { MAX_JSON_DEPTH, jsonDepth, parseBoundedJson } from '../../src/data/bounded-json.js';

describe('jsonDepth', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a": [1, {"b": []}]}')).toBe(4);
    expect(jsonDepth('{"a": "[[[[{{{{", "b": "\\"[[["}')).toBe(1);
    expect(jsonDepth('[[], [[]], []]')).toBe(3);
  });

  it('stops as soon as the limit is passed', () => {
    expect(jsonDepth('['.repeat(1_000_000), 10)).toBe(11);
  });
});

describe('parseBoundedJson', () => {
  it('parses JSON within the limit', () => {
    const within = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(Array.isArray(parseBoundedJson(within, 'x.json', DataError))).toBe(true);
    expect(parseBoundedJson('{"a": 1}', 'x.json', DataError)).toEqual({ a: 1 });
  });

  it('refuses deeper nesting with a typed error, before parsing', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(() => parseBoundedJson(deep, 'x.json', DataError)).toThrow(DataError);
    expect(() => parseBoundedJson(deep, 'x.json', DataError)).toThrow('x.json is nested deeper than 64 levels (the limit)');
    expect(() => parseBoundedJson('[[[1]]]', 'x.json', DataError, 2)).toThrow('x.json is nested deeper than 2 levels (the limit)');
  });

  it('says what is not valid, on one line', () => {
    expect(() => parseBoundedJson('{"a":\n\n,', 'x.json', DataError)).toThrow(/^x\.json is not valid JSON \([^\n]*\)$/);
  });
});
