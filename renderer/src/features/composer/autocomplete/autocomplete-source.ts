import type { ReactNode } from 'react';
import type { TriggerRule } from './caret-trigger';

/** One row of the list. */
export interface AutocompleteOption {
  /** Unique within one list; becomes part of the option's DOM id. */
  key: string;
  /** What the row shows. */
  content: ReactNode;
  /** Replaces the trigger and its query when picked, e.g. "😄" or "@alice ". */
  replacement: string;
}

/** A kind of completion: how it starts and what it offers. See AutocompletePopup.tsx for how to add one. */
export interface AutocompleteSource {
  /** Unique among the sources of one text box, e.g. "emoji", "mention". */
  id: string;
  trigger: TriggerRule;
  /** The list's accessible name, e.g. "Emoji". */
  label: string;
  /** Options for a query, best first (a short list: the popup shows them all). May be async. */
  options: (query: string) => readonly AutocompleteOption[] | Promise<readonly AutocompleteOption[]>;
  /** Told after a row replaced the query (e.g. to remember it as recently used). */
  onPicked?: (option: AutocompleteOption) => void;
}
