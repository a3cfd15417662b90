import type { EmojiData, EmojiEntry } from './emoji-data';

/** Lower is better; null = no match. Shortcodes first (shorter before longer), then the name, then tags. */
function rank(entry: EmojiEntry, words: readonly string[]): number | null {
  const label = entry.label.toLowerCase();
  const labelWords = label.split(/[\s:,-]+/);
  let total = 0;
  for (const word of words) {
    const scores: number[] = [];
    for (const code of entry.shortcodes) {
      if (code === word) scores.push(0);
      else if (code.startsWith(word)) scores.push(1 + code.length / 1000);
      else if (code.includes(word)) scores.push(5);
    }
    if (label === word) scores.push(0);
    else if (label.startsWith(word)) scores.push(2);
    else if (labelWords.some((part) => part.startsWith(word))) scores.push(3);
    if (entry.tags.some((tag) => tag.startsWith(word))) scores.push(4);
    if (scores.length === 0) return null;
    total += Math.min(...scores);
  }
  return total;
}

/** Emoji matching every word of the query by shortcode, name or tag, best first. */
export function searchEmoji(data: EmojiData, query: string, limit = Infinity): EmojiEntry[] {
  const words = query.toLowerCase().replaceAll(':', ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: { entry: EmojiEntry; score: number; index: number }[] = [];
  data.all.forEach((entry, index) => {
    const score = rank(entry, words);
    if (score !== null) scored.push({ entry, score, index });
  });
  return scored
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((s) => s.entry);
}

/** The shortcode a completion row shows for a query: the first one that matches it, or the first one. */
export function shortcodeFor(entry: EmojiEntry, query: string): string | undefined {
  const word = query.toLowerCase();
  return entry.shortcodes.find((c) => c.startsWith(word)) ?? entry.shortcodes.find((c) => c.includes(word)) ?? entry.shortcodes[0];
}

/** Text spans where `:code:` must stay as typed: inline code and fenced code. */
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;
const SHORTCODE = /(^|[^\w:]):([\w+-]+):(?![\w:])/g;

/** Every known `:shortcode:` outside code replaced by its emoji (`toEmoji` picks the skin tone). */
export function replaceShortcodes(data: EmojiData, text: string, toEmoji: (entry: EmojiEntry) => string): string {
  let out = '';
  let last = 0;
  const outsideCode = (part: string) =>
    part.replace(SHORTCODE, (whole, lead: string, code: string) => {
      const entry = data.byShortcode.get(code.toLowerCase());
      return entry ? lead + toEmoji(entry) : whole;
    });
  for (const match of text.matchAll(CODE)) {
    out += outsideCode(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + outsideCode(text.slice(last));
}

/**
 * For the closing colon: if the text just before the caret is a known `:shortcode:`, the text
 * with it replaced and the new caret; otherwise null.
 */
export function replaceClosedShortcode(
  data: EmojiData,
  text: string,
  caret: number,
  toEmoji: (entry: EmojiEntry) => string,
): { text: string; caret: number } | null {
  const match = /(^|[\s([{"']):([\w+-]+):$/.exec(text.slice(0, caret));
  if (!match) return null;
  const entry = data.byShortcode.get(match[2]!.toLowerCase());
  if (!entry) return null;
  const before = text.slice(0, caret - match[0].length + match[1]!.length);
  const emoji = toEmoji(entry);
  return { text: before + emoji + text.slice(caret), caret: before.length + emoji.length };
}
