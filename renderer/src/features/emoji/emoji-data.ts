import type { CompactEmoji, MessagesDataset, ShortcodesDataset } from 'emojibase';
import { isSingleEmoji } from '../../shared/contract';
import type { EmojiSkinTone } from '../../shared/contract';

type Tone = Exclude<EmojiSkinTone, 'none'>;

export interface EmojiEntry {
  /** The emoji without a skin tone, exactly as the server accepts it for a reaction. */
  emoji: string;
  /** Unicode's name, e.g. "thumbs up". */
  label: string;
  /** Index into EmojiData.groups. */
  group: number;
  /** GitHub's first (`+1`, `smile`), then Emojibase's, then CLDR's (`thumbs_up`). */
  shortcodes: readonly string[];
  tags: readonly string[];
  /** The emoji in each skin tone, for those that have them (every person in it the same tone). */
  skins?: Readonly<Partial<Record<Tone, string>>>;
}

interface EmojiGroup {
  /** e.g. "Smileys & emotion". */
  name: string;
  entries: readonly EmojiEntry[];
}

export interface EmojiData {
  groups: readonly EmojiGroup[];
  all: readonly EmojiEntry[];
  /** Shortcode (lowercase, without colons) to its emoji. */
  byShortcode: ReadonlyMap<string, EmojiEntry>;
  /** Any emoji, toned or not, to its entry. */
  byEmoji: ReadonlyMap<string, EmojiEntry>;
}

const TONE_BY_MODIFIER: Record<string, Tone> = {
  '1F3FB': 'light',
  '1F3FC': 'medium-light',
  '1F3FD': 'medium',
  '1F3FE': 'medium-dark',
  '1F3FF': 'dark',
};

/** Emojibase's group 2: skin tones and hair styles on their own, not emoji to send. */
const COMPONENT_GROUP = 2;

/**
 * Emojibase writes a presentation selector (U+FE0F) after emoji that are shown as emoji anyway
 * (👍 as 👍︎+FE0F); the RGI form the server checks for has none there. Returns the RGI form, or
 * null for anything that is not one emoji.
 */
export function toRgi(unicode: string): string | null {
  if (isSingleEmoji(unicode)) return unicode;
  const bare = unicode.replaceAll('\uFE0F', '');
  return isSingleEmoji(bare) ? bare : null;
}

function skinsOf(emoji: CompactEmoji): EmojiEntry['skins'] {
  if (!emoji.skins) return undefined;
  const skins: Partial<Record<Tone, string>> = {};
  for (const skin of emoji.skins) {
    const tones = new Set(skin.hexcode.split('-').flatMap((code) => TONE_BY_MODIFIER[code] ?? []));
    const [tone] = tones;
    const unicode = toRgi(skin.unicode);
    if (tones.size === 1 && tone && unicode && !skins[tone]) skins[tone] = unicode;
  }
  return Object.keys(skins).length > 0 ? skins : undefined;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Builds the picker's data from Emojibase's datasets. */
function buildEmojiData(compact: readonly CompactEmoji[], messages: MessagesDataset, shortcodeSets: readonly ShortcodesDataset[]): EmojiData {
  const groupNames = new Map(messages.groups.map((g) => [g.order, capitalise(g.message)]));
  const grouped = new Map<number, EmojiEntry[]>();
  const byShortcode = new Map<string, EmojiEntry>();
  const byEmoji = new Map<string, EmojiEntry>();
  const sorted = [...compact].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));

  for (const raw of sorted) {
    if (raw.group === undefined || raw.group === COMPONENT_GROUP) continue;
    const emoji = toRgi(raw.unicode);
    if (!emoji) continue;
    const shortcodes = [...new Set(shortcodeSets.flatMap((set) => set[raw.hexcode] ?? []))].map((code) => code.toLowerCase());
    const skins = skinsOf(raw);
    const entry: EmojiEntry = { emoji, label: raw.label, group: raw.group, shortcodes, tags: raw.tags ?? [], ...(skins ? { skins } : {}) };
    const list = grouped.get(raw.group) ?? [];
    list.push(entry);
    grouped.set(raw.group, list);
    for (const code of shortcodes) if (!byShortcode.has(code)) byShortcode.set(code, entry);
    for (const form of [emoji, ...Object.values(skins ?? {})]) byEmoji.set(form, entry);
  }

  const groups = [...grouped.keys()].sort((a, b) => a - b).map((order) => ({ name: groupNames.get(order) ?? 'Other', entries: grouped.get(order)! }));
  // Entries point into `groups` by index from here on.
  groups.forEach((group, index) => group.entries.forEach((entry) => ((entry as { group: number }).group = index)));
  return { groups, all: groups.flatMap((g) => g.entries), byShortcode, byEmoji };
}

let loading: Promise<EmojiData> | null = null;
let loaded: EmojiData | null = null;

/** The data if it has been loaded already (for work that cannot wait, like a key press). */
export const loadedEmojiData = (): EmojiData | null => loaded;

/** The full set, fetched as its own chunk the first time anything needs it (not with the window). */
export function loadEmojiData(): Promise<EmojiData> {
  loading ??= Promise.all([
    import('emojibase-data/en/compact.json'),
    import('emojibase-data/en/messages.json'),
    import('emojibase-data/en/shortcodes/github.json'),
    import('emojibase-data/en/shortcodes/emojibase.json'),
    import('emojibase-data/en/shortcodes/cldr.json'),
  ]).then(
    ([compact, messages, github, emojibase, cldr]) =>
      (loaded = buildEmojiData(compact.default, messages.default, [github.default, emojibase.default, cldr.default])),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Loads the data once the window is idle, so the first `:` or picker has it at hand. */
export function preloadEmojiData(onError: (error: unknown) => void): () => void {
  const start = () => void loadEmojiData().catch(onError);
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(start, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(start, 1_000);
  return () => clearTimeout(id);
}

/** The emoji in the given skin tone, if it has that tone. */
export function inTone(entry: EmojiEntry, tone: EmojiSkinTone): string {
  return (tone !== 'none' && entry.skins?.[tone]) || entry.emoji;
}
