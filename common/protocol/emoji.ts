import { EMOJI_MAX } from './limits';

// Built at run time: a regular-expression literal with the `v` flag needs an ES2024 target.
const SINGLE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

/**
 * True for exactly one emoji as Unicode recommends it for general interchange (RGI): a single
 * pictograph, a keycap, a flag, a skin-tone or ZWJ sequence (👍🏽, 👩‍💻, 🇫🇷, 1️⃣); false for text,
 * two emoji, or nothing.
 */
export function isSingleEmoji(text: string): boolean {
  return text.length <= EMOJI_MAX && SINGLE_EMOJI.test(text);
}
