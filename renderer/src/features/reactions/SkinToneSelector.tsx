import { useRef, useState, type KeyboardEvent } from 'react';
import { EMOJI_SKIN_TONES, type EmojiSkinTone } from '../../shared/contract';

const HAND = '✋';
const MODIFIER: Record<EmojiSkinTone, string> = {
  none: '',
  light: '\u{1F3FB}',
  'medium-light': '\u{1F3FC}',
  medium: '\u{1F3FD}',
  'medium-dark': '\u{1F3FE}',
  dark: '\u{1F3FF}',
};
const NAME: Record<EmojiSkinTone, string> = {
  none: 'Default skin tone',
  light: 'Light skin tone',
  'medium-light': 'Medium-light skin tone',
  medium: 'Medium skin tone',
  'medium-dark': 'Medium-dark skin tone',
  dark: 'Dark skin tone',
};

/** A button showing the current tone that opens a radio group of the six. */
export function SkinToneSelector({ tone, onChange }: { tone: EmojiSkinTone; onChange: (tone: EmojiSkinTone) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const group = useRef<HTMLDivElement>(null);

  const choose = (next: EmojiSkinTone) => {
    setOpen(false);
    button.current?.focus();
    if (next !== tone) onChange(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const index = EMOJI_SKIN_TONES.indexOf(tone);
    const focused = EMOJI_SKIN_TONES.findIndex((t) => group.current?.querySelector(`[data-tone="${t}"]`) === document.activeElement);
    const from = focused < 0 ? index : focused;
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (step) {
      event.preventDefault();
      const next = EMOJI_SKIN_TONES[(from + step + EMOJI_SKIN_TONES.length) % EMOJI_SKIN_TONES.length]!;
      group.current?.querySelector<HTMLButtonElement>(`[data-tone="${next}"]`)?.focus();
    }
  };

  return (
    <div className="skin-tones">
      <button
        ref={button}
        type="button"
        className="skin-tones__current"
        aria-label={`Skin tone: ${NAME[tone]}`}
        title="Skin tone"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {HAND + MODIFIER[tone]}
      </button>
      {open && (
        <div ref={group} className="skin-tones__choices" role="radiogroup" aria-label="Skin tone" onKeyDown={onKeyDown}>
          {EMOJI_SKIN_TONES.map((t) => (
            <button
              key={t}
              type="button"
              role="radio"
              data-tone={t}
              aria-checked={t === tone}
              aria-label={NAME[t]}
              title={NAME[t]}
              tabIndex={t === tone ? 0 : -1}
              className="skin-tones__choice"
              ref={(node) => {
                if (node && t === tone && document.activeElement === button.current) node.focus();
              }}
              onClick={() => choose(t)}
            >
              {HAND + MODIFIER[t]}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
