import type { AutocompleteSource } from './autocomplete/autocomplete-source';
import { emojiCompletion } from './emoji-completion';
import { mentionCompletion } from './mention-completion';

/** What the message box completes as you type (see autocomplete/AutocompletePopup.tsx to add one). */
const COMPOSER_COMPLETIONS: readonly AutocompleteSource[] = [emojiCompletion];

const perRoom = new Map<string, readonly AutocompleteSource[]>();

/** The completions of a room's message boxes: the above, and `@` for its members; the same array for the same room. */
export function composerCompletionsFor(roomId: string): readonly AutocompleteSource[] {
  let sources = perRoom.get(roomId);
  if (!sources) {
    sources = [...COMPOSER_COMPLETIONS, mentionCompletion(roomId)];
    perRoom.set(roomId, sources);
  }
  return sources;
}
