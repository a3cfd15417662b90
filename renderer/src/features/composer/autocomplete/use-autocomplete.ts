import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { warnFailure } from '../../../services/report-failure';
import type { AutocompleteOption, AutocompleteSource } from './autocomplete-source';
import { findTrigger, replaceTrigger, type TriggerMatch } from './caret-trigger';

interface Open {
  source: AutocompleteSource;
  match: TriggerMatch;
  options: readonly AutocompleteOption[];
  active: number;
}

export interface AutocompleteState {
  /** Props for the popup, or null while it is closed (or has nothing to offer). */
  popup: {
    id: string;
    label: string;
    options: readonly AutocompleteOption[];
    active: number;
    onPick: (index: number) => void;
    onActive: (index: number) => void;
  } | null;
  /** ARIA for the text box: it keeps focus, the list's active row is announced through it. */
  inputProps: { 'aria-autocomplete': 'list'; 'aria-controls': string | undefined; 'aria-activedescendant': string | undefined };
  /** Call with the text and the caret after every change and caret move (onChange, onSelect). */
  update: (text: string, caret: number, selectionEnd?: number) => void;
  /** Call first in the text box's onKeyDown; true means the key was for the list (do nothing else with it). */
  onKeyDown: (event: KeyboardEvent) => boolean;
  close: () => void;
}

export const optionId = (listId: string, key: string): string => `${listId}-${key.replace(/[^\w-]/g, (c) => c.codePointAt(0)!.toString(16))}`;

/**
 * Completion in a text box for any number of sources (":" emoji, "@" people, ...). The caller
 * owns the text: a pick calls onReplace with the new text and caret, and the caret is put there
 * once the new text has rendered.
 */
export function useAutocomplete(
  sources: readonly AutocompleteSource[],
  input: RefObject<HTMLTextAreaElement | HTMLInputElement | null>,
  onReplace: (text: string) => void,
): AutocompleteState {
  const listId = useId();
  const [open, setOpen] = useState<Open | null>(null);
  const text = useRef('');
  const dismissedAt = useRef<string | null>(null);
  const request = useRef(0);
  const pendingCaret = useRef<number | null>(null);
  /** onChange and onSelect both report a keystroke: the second report is not a new query. */
  const lastUpdate = useRef('');

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !input.current) return;
    input.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  const close = useCallback(() => {
    lastUpdate.current = '';
    request.current++;
    setOpen(null);
  }, []);

  const update = useCallback(
    (value: string, caret: number, selectionEnd = caret) => {
      const key = `${caret}:${selectionEnd}:${value}`;
      if (key === lastUpdate.current) return;
      text.current = value;
      let best: { source: AutocompleteSource; match: TriggerMatch } | null = null;
      if (selectionEnd === caret) {
        for (const source of sources) {
          const match = findTrigger(value, caret, source.trigger);
          if (match && (!best || match.start > best.match.start)) best = { source, match };
        }
      }
      const at = best ? `${best.source.id}:${best.match.start}` : null;
      if (!best || at === dismissedAt.current) {
        if (!best) dismissedAt.current = null;
        close();
        return;
      }
      const { source, match } = best;
      const ticket = ++request.current;
      lastUpdate.current = key;
      const show = (options: readonly AutocompleteOption[]) => {
        if (ticket !== request.current) return;
        setOpen((previous) => {
          const sameList = previous?.source === source && previous.match.start === match.start;
          const keptKey = sameList ? previous.options[previous.active]?.key : undefined;
          const kept = keptKey === undefined ? -1 : options.findIndex((o) => o.key === keptKey);
          return { source, match, options, active: Math.max(0, kept) };
        });
      };
      const result = source.options(match.query);
      if (Array.isArray(result)) show(result as readonly AutocompleteOption[]);
      else
        void Promise.resolve(result).then(show, (error: unknown) => {
          if (ticket === request.current) setOpen(null);
          warnFailure(`look up ${source.label.toLowerCase()} for "${match.query}"`)(error);
        });
    },
    [sources, close],
  );

  const pick = useCallback(
    (index: number) => {
      const option = open?.options[index];
      if (!open || !option) return;
      const replaced = replaceTrigger(text.current, open.match, option.replacement);
      pendingCaret.current = replaced.caret;
      close();
      // A replacement that still reads as a query ("#build") does not reopen the list.
      dismissedAt.current = `${open.source.id}:${open.match.start}`;
      text.current = replaced.text;
      onReplace(replaced.text);
      open.source.onPicked?.(option);
    },
    [open, close, onReplace],
  );

  const shown = open && open.options.length > 0 ? open : null;

  const onKeyDown = useCallback(
    (event: KeyboardEvent): boolean => {
      if (!shown || event.altKey || event.ctrlKey || event.metaKey) return false;
      const count = shown.options.length;
      const move = (active: number) => setOpen({ ...shown, active: (active + count) % count });
      switch (event.key) {
        case 'ArrowDown':
          move(shown.active + 1);
          break;
        case 'ArrowUp':
          move(shown.active - 1);
          break;
        case 'Enter':
        case 'Tab':
          if (event.shiftKey) return false;
          pick(shown.active);
          break;
        case 'Escape':
          dismissedAt.current = `${shown.source.id}:${shown.match.start}`;
          close();
          event.stopPropagation();
          break;
        default:
          return false;
      }
      event.preventDefault();
      return true;
    },
    [shown, pick, close],
  );

  const popup = useMemo(
    () =>
      shown && {
        id: listId,
        label: shown.source.label,
        options: shown.options,
        active: shown.active,
        onPick: pick,
        onActive: (active: number) => setOpen({ ...shown, active }),
      },
    [shown, listId, pick],
  );

  const activeKey = shown?.options[shown.active]?.key;
  return {
    popup,
    inputProps: {
      'aria-autocomplete': 'list',
      'aria-controls': shown ? listId : undefined,
      'aria-activedescendant': shown && activeKey !== undefined ? optionId(listId, activeKey) : undefined,
    },
    update,
    onKeyDown,
    close,
  };
}
