/**
 * The list a text box completes from, shown above it while a trigger is typed.
 *
 * Adding a trigger (e.g. "@" for people) to a text box that already has one:
 *  1. Write an AutocompleteSource (autocomplete-source.ts): an id, a TriggerRule (the character,
 *     how many query characters open the list, which characters a query may hold), a label for
 *     the list, and `options(query)` returning rows (sync or a Promise; a stale answer is
 *     dropped) with the text each row puts in place of the trigger and query.
 *  2. Add it to the array passed to useAutocomplete() (keep the array stable: module constant or
 *     useMemo). The nearest trigger before the caret wins when several match.
 * The text box wiring (already in Composer.tsx) is: spread `inputProps` on the box, call
 * `update(value, selectionStart, selectionEnd)` in onChange and onSelect, call `onKeyDown(event)`
 * first in its onKeyDown and stop if it returns true, and render
 * `{popup && <AutocompletePopup {...popup} />}` inside a positioned parent.
 * Keys: Up/Down move, Enter/Tab pick, Escape closes (until the trigger is typed again).
 */
import { useEffect, useRef } from 'react';
import type { AutocompleteOption } from './autocomplete-source';
import { optionId } from './use-autocomplete';
import './AutocompletePopup.css';

interface AutocompletePopupProps {
  id: string;
  label: string;
  options: readonly AutocompleteOption[];
  active: number;
  onPick: (index: number) => void;
  onActive: (index: number) => void;
}

export function AutocompletePopup({ id, label, options, active, onPick, onActive }: AutocompletePopupProps) {
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    list.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  return (
    <ul ref={list} id={id} className="autocomplete" role="listbox" aria-label={label}>
      {options.map((option, index) => (
        <li
          key={option.key}
          id={optionId(id, option.key)}
          role="option"
          aria-selected={index === active}
          className={`autocomplete__option${index === active ? ' autocomplete__option--active' : ''}`}
          // Keeps the focus (and the caret) in the text box.
          onMouseDown={(event) => event.preventDefault()}
          onMouseMove={() => index !== active && onActive(index)}
          onClick={() => onPick(index)}
        >
          {option.content}
        </li>
      ))}
    </ul>
  );
}
