import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/core/did-you-mean.js';

describe('didYouMean', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(didYouMean('nmae', ['name', 'method'])).toBe('name');
    expect(didYouMean('jsno', ['table', 'json', 'sarif'])).toBe('json');
  });
  it('finds insertions, deletions and substitutions, ignoring case', () => {
    expect(didYouMean('conections', ['connections', 'duration'])).toBe('connections');
    expect(didYouMean('SARF', ['table', 'json', 'sarif'])).toBe('sarif');
  });
  it('stays quiet when nothing is close', () => {
    expect(didYouMean('xyz', ['connections', 'duration'])).toBeUndefined();
  });
});
