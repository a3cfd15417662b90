import { useEffect, useRef, useState } from 'react';
import { EMOJIS } from './emojis';
import './EmojiPicker.css';

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/** A small searchable grid of emoji. */
export function EmojiPicker({ onPick, onClose }: EmojiPickerProps) {
  const [query, setQuery] = useState('');
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    root.current?.querySelector('input')?.focus();
    const onPointer = (event: MouseEvent) => !root.current?.contains(event.target as Node) && onClose();
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [onClose]);

  const words = query.trim().toLowerCase();
  const shown = words ? EMOJIS.filter(([, name]) => name.includes(words)) : EMOJIS;

  return (
    <div
      ref={root}
      className="emoji-picker"
      role="dialog"
      aria-label="Choose a reaction"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <input
        className="input emoji-picker__search"
        type="search"
        placeholder="Search emoji"
        aria-label="Search emoji"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="emoji-picker__grid">
        {shown.map(([emoji, name]) => (
          <button
            key={emoji}
            type="button"
            className="emoji-picker__emoji"
            aria-label={name.split(' ')[0]}
            title={name.split(' ')[0]}
            onClick={() => onPick(emoji)}
          >
            {emoji}
          </button>
        ))}
        {shown.length === 0 && <p className="emoji-picker__empty">No emoji found</p>}
      </div>
    </div>
  );
}
