import type { AutocompleteSource } from './autocomplete/autocomplete-source';
import { emojiCompletion } from './emoji-completion';

/** What the message box completes as you type (see autocomplete/AutocompletePopup.tsx to add one). */
export const COMPOSER_COMPLETIONS: readonly AutocompleteSource[] = [emojiCompletion];
