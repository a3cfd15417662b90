import compact from 'emojibase-data/en/compact.json';
import { describe, expect, it } from 'vitest';
import { isSingleEmoji } from '../../../../common/protocol/emoji';
import { loadEmojiData, toRgi } from '../../../../renderer/src/features/emoji/emoji-data';

describe('emoji data', () => {
  it('every emoji the picker offers, in every skin tone, is one the server accepts as a reaction', async () => {
    const data = await loadEmojiData();
    const offered = data.all.flatMap((entry) => [entry.emoji, ...Object.values(entry.skins ?? {})]);
    expect(offered.length).toBeGreaterThan(3000);
    expect(offered.filter((emoji) => !isSingleEmoji(emoji))).toEqual([]);
  });

  it('keeps every emoji of the data set except the components (skin tones and hair on their own)', async () => {
    const data = await loadEmojiData();
    const sendable = compact.filter((e) => e.group !== undefined && e.group !== 2);
    expect(data.all).toHaveLength(sendable.length);
    expect(data.groups.map((g) => g.name)).toEqual([
      'Smileys & emotion',
      'People & body',
      'Animals & nature',
      'Food & drink',
      'Travel & places',
      'Activities',
      'Objects',
      'Symbols',
      'Flags',
    ]);
  });

  it('drops the presentation selector the data set adds where RGI has none, so 👍 from the picker is the 👍 of the quick reactions', async () => {
    const data = await loadEmojiData();
    const thumbs = data.byShortcode.get('+1')!;
    expect(thumbs.emoji).toBe('\u{1F44D}');
    expect(thumbs.skins?.medium).toBe('\u{1F44D}\u{1F3FD}');
    expect(data.byShortcode.get('heart')!.emoji).toBe('\u2764\uFE0F');
    expect(toRgi('a')).toBeNull();
  });

  it('knows GitHub and Emojibase shortcodes', async () => {
    const data = await loadEmojiData();
    expect(data.byShortcode.get('thumbsup')?.label).toBe('thumbs up');
    expect(data.byShortcode.get('thumbs_up')?.label).toBe('thumbs up');
    expect(data.byShortcode.get('smile')?.emoji).toBe('😄');
  });

  it('gives people with several persons a tone only where all of them have it', async () => {
    const data = await loadEmojiData();
    const handshake = data.all.find((e) => e.label === 'handshake')!;
    expect(Object.keys(handshake.skins ?? {})).toHaveLength(5);
    expect(handshake.skins?.dark).toBe('\u{1F91D}\u{1F3FF}');
  });
});
