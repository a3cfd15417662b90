import { describe, expect, it } from 'vitest';
import { isSingleEmoji } from '../../../common/protocol/emoji';

describe('isSingleEmoji', () => {
  it.each([
    ['a pictograph', '👍'],
    ['a skin tone', '👍🏽'],
    ['a ZWJ sequence', '👩‍💻'],
    ['a family ZWJ sequence with skin tones', '👩🏽‍❤️‍💋‍👨🏿'],
    ['a flag', '🇫🇷'],
    ['a subdivision flag', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['a keycap', '1️⃣'],
    ['an emoji-presentation heart', '❤️'],
  ])('accepts %s', (_what, emoji) => {
    expect(isSingleEmoji(emoji)).toBe(true);
  });

  it.each([
    ['nothing', ''],
    ['text', 'ok'],
    ['a shortcode', ':+1:'],
    ['a digit', '1'],
    ['two emoji', '👍👍'],
    ['an emoji with text', '👍 yes'],
    ['an emoji with a space', ' 👍'],
    ['a lone zero-width joiner', '\u200d'],
    ['a flag half', '🇫'],
    ['a long run of emoji', '😀'.repeat(20)],
  ])('rejects %s', (_what, text) => {
    expect(isSingleEmoji(text)).toBe(false);
  });
});
