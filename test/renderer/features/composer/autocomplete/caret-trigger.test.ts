import { describe, expect, it } from 'vitest';
import { findTrigger, replaceTrigger, type TriggerRule } from '../../../../../renderer/src/features/composer/autocomplete/caret-trigger';

const EMOJI: TriggerRule = { char: ':', minQueryLength: 2, queryPattern: /^[\w+-]+$/ };
const at = (text: string) => findTrigger(text, text.length, EMOJI);

describe('caret trigger', () => {
  it('finds the trigger and query right before the caret', () => {
    expect(at(':sm')).toEqual({ start: 0, end: 3, query: 'sm' });
    expect(at('hi (:thumbs')).toEqual({ start: 4, end: 11, query: 'thumbs' });
    expect(findTrigger('so :smi later', 7, EMOJI)).toEqual({ start: 3, end: 7, query: 'smi' });
  });

  it('needs enough query characters and only query characters', () => {
    expect(at(':')).toBeNull();
    expect(at(':s')).toBeNull();
    expect(at(':sm ile')).toBeNull();
    expect(at(':sm:')).toBeNull();
  });

  it('does not start inside a word or a time', () => {
    expect(at('at 12:30')).toBeNull();
    expect(at('http:ab')).toBeNull();
  });

  it('replaces the trigger and query and puts the caret after the replacement', () => {
    const text = 'say :smi now';
    const match = findTrigger(text, 8, EMOJI)!;
    expect(replaceTrigger(text, match, '😄')).toEqual({ text: 'say 😄 now', caret: 4 + '😄'.length });
  });
});
