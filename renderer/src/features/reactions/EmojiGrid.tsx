import { useRef, useState, type KeyboardEvent } from 'react';

export interface GridEmoji {
  emoji: string;
  label: string;
}

const GRID_COLUMNS = 8;

interface EmojiGridProps {
  label: string;
  items: readonly GridEmoji[];
  onPick: (emoji: string) => void;
  /** Shows a row's name (and shortcode) while it is pointed at or focused. */
  onShow?: (item: GridEmoji | null) => void;
}

const chunk = <T,>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, row) => items.slice(row * size, row * size + size));

/**
 * Emoji as an ARIA grid: one Tab stop (the last focused cell), arrows move between cells,
 * Home/End go to the row's ends (with Ctrl, the grid's), Enter or Space picks.
 */
export function EmojiGrid({ label, items, onPick, onShow }: EmojiGridProps) {
  const [focus, setFocus] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const current = Math.min(focus, Math.max(0, items.length - 1));

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setFocus(next);
    root.current?.querySelector<HTMLButtonElement>(`[data-index="${next}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const column = current % GRID_COLUMNS;
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      ArrowDown: current + GRID_COLUMNS,
      ArrowUp: current - GRID_COLUMNS,
      Home: event.ctrlKey ? 0 : current - column,
      End: event.ctrlKey ? items.length - 1 : current - column + GRID_COLUMNS - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && (target < 0 || target >= items.length)) return;
    event.preventDefault();
    moveTo(target);
  };

  return (
    <div ref={root} className="emoji-grid" role="grid" aria-label={label} onKeyDown={onKeyDown}>
      {chunk(items, GRID_COLUMNS).map((row, r) => (
        <div key={r} className="emoji-grid__row" role="row">
          {row.map((item, c) => {
            const index = r * GRID_COLUMNS + c;
            return (
              <div key={item.emoji} role="gridcell">
                <button
                  type="button"
                  className="emoji-grid__emoji"
                  data-index={index}
                  tabIndex={index === current ? 0 : -1}
                  aria-label={item.label}
                  title={item.label}
                  onClick={() => onPick(item.emoji)}
                  onFocus={() => {
                    setFocus(index);
                    onShow?.(item);
                  }}
                  onMouseEnter={() => onShow?.(item)}
                >
                  {item.emoji}
                </button>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
