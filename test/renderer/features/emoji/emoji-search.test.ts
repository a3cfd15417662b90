import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmojiData, type EmojiData } from '../../../../renderer/src/features/emoji/emoji-data';
import { replaceClosedShortcode, replaceShortcodes, searchEmoji, shortcodeFor } from '../../../../renderer/src/features/emoji/emoji-search';

let data: EmojiData;
beforeAll(async () => {
  data = await loadEmojiData();
});
const plain = (entry: { emoji: string }) => entry.emoji;

describe('emoji search', () => {
  it('finds by shortcode, name and tag, exact shortcodes first', () => {
    expect(searchEmoji(data, 'smile')[0]?.emoji).toBe('😄');
    expect(
      searchEmoji(data, 'thumbs')
        .map((e) => e.label)
        .slice(0, 2),
    ).toEqual(['thumbs up', 'thumbs down']);
    expect(searchEmoji(data, 'pizza')[0]?.label).toBe('pizza');
    expect(searchEmoji(data, 'celebrate').map((e) => e.label)).toContain('party popper');
    expect(searchEmoji(data, 'red heart').map((e) => e.emoji)).toContain('❤️');
    expect(searchEmoji(data, 'zzqx')).toEqual([]);
    expect(searchEmoji(data, '   ')).toEqual([]);
  });

  it('limits the results', () => {
    expect(searchEmoji(data, 'a', 10)).toHaveLength(10);
  });

  it('picks the shortcode that matches what was typed', () => {
    expect(shortcodeFor(data.byShortcode.get('+1')!, 'thumbs')).toBe('thumbsup');
  });

  it('replaces known :shortcodes: outside code, and leaves the rest as typed', () => {
    expect(replaceShortcodes(data, 'ship it :rocket: :nosuchcode: `:rocket:`', plain)).toBe('ship it 🚀 :nosuchcode: `:rocket:`');
    expect(replaceShortcodes(data, '```\n:tada:\n```\n:tada:', plain)).toBe('```\n:tada:\n```\n🎉');
    expect(replaceShortcodes(data, 'at 10:30:00', plain)).toBe('at 10:30:00');
  });

  it('replaces a :shortcode: closed right before the caret', () => {
    expect(replaceClosedShortcode(data, 'hi :wave: there', 9, plain)).toEqual({ text: 'hi 👋 there', caret: 3 + '👋'.length });
    expect(replaceClosedShortcode(data, 'hi :nope:', 9, plain)).toBeNull();
    expect(replaceClosedShortcode(data, 'hi:wave:', 8, plain)).toBeNull();
  });
});
