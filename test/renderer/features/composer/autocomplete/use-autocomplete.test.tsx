import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { AutocompletePopup } from '../../../../../renderer/src/features/composer/autocomplete/AutocompletePopup';
import type { AutocompleteOption, AutocompleteSource } from '../../../../../renderer/src/features/composer/autocomplete/autocomplete-source';
import { useAutocomplete } from '../../../../../renderer/src/features/composer/autocomplete/use-autocomplete';

const PEOPLE = ['alice', 'alan', 'amy', 'bob'];
const picked: string[] = [];
const pending: Array<() => void> = [];

const option = (name: string): AutocompleteOption => ({ key: name, content: `@${name}`, replacement: `@${name} ` });

/** An async source whose answers arrive when the test says so (pending.shift()()). */
const people: AutocompleteSource = {
  id: 'people',
  label: 'People',
  trigger: { char: '@', minQueryLength: 1, queryPattern: /^\w+$/ },
  options: (query) => new Promise((resolve) => pending.push(() => resolve(PEOPLE.filter((p) => p.startsWith(query)).map(option)))),
  onPicked: (o) => void picked.push(o.key),
};
const tags: AutocompleteSource = {
  id: 'tags',
  label: 'Tags',
  trigger: { char: '#', minQueryLength: 0, queryPattern: /^\w*$/ },
  options: (query) => ['bug', 'build'].filter((t) => t.startsWith(query)).map((t) => ({ key: t, content: `#${t}`, replacement: `#${t}` })),
};
const SOURCES = [people, tags];

function Box() {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const completion = useAutocomplete(SOURCES, input, setText);
  return (
    <div>
      {completion.popup && <AutocompletePopup {...completion.popup} />}
      <textarea
        ref={input}
        aria-label="Box"
        value={text}
        {...completion.inputProps}
        onChange={(e) => {
          setText(e.target.value);
          completion.update(e.target.value, e.target.selectionStart, e.target.selectionEnd);
        }}
        onSelect={(e) => completion.update(e.currentTarget.value, e.currentTarget.selectionStart, e.currentTarget.selectionEnd)}
        onKeyDown={(e) => completion.onKeyDown(e)}
      />
    </div>
  );
}

const box = () => screen.getByRole('textbox', { name: 'Box' });

describe('useAutocomplete with several sources', () => {
  it('shows an async source once it answers, and drops an answer a newer query overtook', async () => {
    pending.length = 0;
    render(<Box />);
    await userEvent.type(box(), 'hi @al');
    expect(pending).toHaveLength(2); // "a", then "al": one query per keystroke
    expect(screen.queryByRole('listbox')).toBeNull();
    pending.pop()!(); // the answer for "al"
    const list = await screen.findByRole('listbox', { name: 'People' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['@alice', '@alan']);
    pending.shift()!(); // the late answer for "a" (alice, alan, amy)
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['@alice', '@alan']);
  });

  it('the trigger nearest the caret wins; Tab picks; the source hears of the pick', async () => {
    picked.length = 0;
    render(<Box />);
    await userEvent.type(box(), '@bob #bu');
    const list = screen.getByRole('listbox', { name: 'Tags' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['#bug', '#build']);
    await userEvent.keyboard('{ArrowDown}{Tab}');
    expect(box()).toHaveValue('@bob #build');
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.type(box(), ' @b');
    pending.splice(0).forEach((answer) => answer());
    await screen.findByRole('listbox', { name: 'People' });
    await userEvent.click(screen.getByRole('option', { name: '@bob' }));
    expect(box()).toHaveValue('@bob #build @bob ');
    expect(picked).toEqual(['bob']);
  });

  it('moving the caret out of the word closes the list', async () => {
    render(<Box />);
    await userEvent.type(box(), 'x #b');
    expect(screen.getByRole('listbox', { name: 'Tags' })).toBeInTheDocument();
    await userEvent.keyboard('{Home}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box()).not.toHaveAttribute('aria-activedescendant');
  });
});
