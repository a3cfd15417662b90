/** `none` is the default yellow; the others are Unicode's five skin-tone modifiers. */
export const EMOJI_SKIN_TONES = ['none', 'light', 'medium-light', 'medium', 'medium-dark', 'dark'] as const;
export type EmojiSkinTone = (typeof EMOJI_SKIN_TONES)[number];

/** How many recently picked emoji the settings keep. */
export const RECENT_EMOJI_MAX = 24;
