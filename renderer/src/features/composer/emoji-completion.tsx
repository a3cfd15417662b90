import { warnFailure } from '../../services/report-failure';
import { inTone, loadEmojiData, loadedEmojiData, type EmojiData } from '../emoji/emoji-data';
import { getSkinTone, rememberEmoji } from '../emoji/emoji-preferences';
import { searchEmoji, shortcodeFor } from '../emoji/emoji-search';
import type { AutocompleteOption, AutocompleteSource } from './autocomplete/autocomplete-source';

const SHOWN = 8;

function optionsFor(data: EmojiData, query: string): AutocompleteOption[] {
  const tone = getSkinTone();
  return searchEmoji(data, query, SHOWN).map((entry) => {
    const emoji = inTone(entry, tone);
    const code = shortcodeFor(entry, query) ?? entry.label;
    return {
      key: entry.emoji,
      replacement: emoji,
      content: (
        <>
          <span className="autocomplete__emoji" aria-hidden="true">
            {emoji}
          </span>
          <span>
            :{code}: <span className="autocomplete__detail">{entry.label}</span>
          </span>
        </>
      ),
    };
  });
}

/** `:smi` offers 😄 and friends; the pick counts as recently used. */
export const emojiCompletion: AutocompleteSource = {
  id: 'emoji',
  label: 'Emoji',
  trigger: { char: ':', minQueryLength: 2, queryPattern: /^[\w+-]+$/ },
  options: (query) => {
    const data = loadedEmojiData();
    return data ? optionsFor(data, query) : loadEmojiData().then((loaded) => optionsFor(loaded, query));
  },
  onPicked: (option) => void rememberEmoji(option.replacement).catch(warnFailure('remember the recently used emoji')),
};
