import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { reportFailure, warnFailure } from '../../services/report-failure';
import { inTone, type EmojiData } from '../emoji/emoji-data';
import { rememberEmoji, setSkinTone, useRecentEmoji, useSkinTone } from '../emoji/emoji-preferences';
import { searchEmoji } from '../emoji/emoji-search';
import { useEmojiData } from '../emoji/use-emoji-data';
import { EmojiGrid, type GridEmoji } from './EmojiGrid';
import { SkinToneSelector } from './SkinToneSelector';
import './EmojiPicker.css';

interface EmojiPickerProps {
  /** The dialog's name, e.g. "Choose a reaction". */
  label?: string;
  /** Which edge of the opener the picker lines up with (it opens upwards). */
  align?: 'start' | 'end';
  onPick: (emoji: string) => void;
  onClose: () => void;
}

const SEARCH_LIMIT = 120;
const GAP = 6;

/**
 * Where the picker goes in the window: below its opener if it fits there, else above (else on
 * the roomier side), lined up with the opener's start or end edge and kept inside the window.
 * Fixed, so a scrolling message list does not cut it off.
 */
function placeNear(opener: DOMRect, width: number, height: number, align: 'start' | 'end'): CSSProperties {
  const below = window.innerHeight - opener.bottom - GAP;
  const above = opener.top - GAP;
  const top = below >= height || below >= above ? opener.bottom + GAP : opener.top - GAP - height;
  const left = align === 'start' ? opener.left : opener.right - width;
  return {
    position: 'fixed',
    top: Math.max(GAP, Math.min(top, window.innerHeight - height - GAP)),
    left: Math.max(GAP, Math.min(left, window.innerWidth - width - GAP)),
    right: 'auto',
    bottom: 'auto',
  };
}

function labelled(data: EmojiData, emoji: string): GridEmoji {
  const entry = data.byEmoji.get(emoji);
  return { emoji, label: entry ? entry.label : emoji };
}

/**
 * Every emoji: search by name, shortcode or tag; one category at a time (tabs); a skin tone
 * that is remembered; the recently used first. Escape closes and gives focus back to whatever
 * opened it.
 */
export function EmojiPicker({ label = 'Choose a reaction', align = 'end', onPick, onClose }: EmojiPickerProps) {
  const { data, error } = useEmojiData();
  const tone = useSkinTone();
  const recent = useRecentEmoji();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState(0);
  const [shown, setShown] = useState<GridEmoji | null>(null);
  const [placement, setPlacement] = useState<CSSProperties | undefined>(undefined);
  const root = useRef<HTMLDivElement>(null);
  const tabs = useRef<HTMLDivElement>(null);
  const ids = useId();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const picker = root.current;
    picker?.querySelector('input')?.focus();
    const onPointer = (event: MouseEvent) => !picker?.contains(event.target as Node) && onClose();
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      if (opener?.isConnected && (!document.activeElement || document.activeElement === document.body || picker?.contains(document.activeElement)))
        opener.focus();
    };
  }, [onClose]);

  useLayoutEffect(() => {
    const place = () => {
      const picker = root.current;
      const opener = picker?.parentElement;
      if (!picker || !opener) return;
      setPlacement(placeNear(opener.getBoundingClientRect(), picker.offsetWidth, picker.offsetHeight, align));
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [align]);

  const words = query.trim();
  const results = useMemo(
    () => (data && words ? searchEmoji(data, words, SEARCH_LIMIT).map((entry) => ({ emoji: inTone(entry, tone), label: entry.label })) : []),
    [data, words, tone],
  );
  const group = data?.groups[category];
  const groupItems = useMemo(() => group?.entries.map((entry) => ({ emoji: inTone(entry, tone), label: entry.label })) ?? [], [group, tone]);
  const recentItems = useMemo(() => (data ? recent.map((emoji) => labelled(data, emoji)) : []), [data, recent]);

  const pick = (emoji: string) => {
    void rememberEmoji(emoji).catch(warnFailure('remember the recently used emoji'));
    onPick(emoji);
  };

  const onTabKey = (event: KeyboardEvent) => {
    if (!data) return;
    const count = data.groups.length;
    const moves: Record<string, number> = { ArrowRight: category + 1, ArrowLeft: category - 1, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + count) % count;
    setCategory(next);
    tabs.current?.querySelector<HTMLButtonElement>(`[data-category="${next}"]`)?.focus();
  };

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && results[0]) {
      event.preventDefault();
      pick(results[0].emoji);
    } else if (event.key === 'ArrowDown') {
      const first = root.current?.querySelector<HTMLButtonElement>('.emoji-picker__body [data-index="0"]');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div
      ref={root}
      className={`emoji-picker emoji-picker--${align}`}
      style={placement}
      role="dialog"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="emoji-picker__top">
        <input
          className="input emoji-picker__search"
          type="search"
          placeholder="Search emoji"
          aria-label="Search emoji"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
        <SkinToneSelector tone={tone} onChange={(next) => void setSkinTone(next).catch(reportFailure('change the skin tone'))} />
      </div>
      {/* Shown while searching too (a tab leaves the search), so the picker keeps its size. */}
      {!data && <div className="emoji-picker__tabs" />}
      {data && (
        <div ref={tabs} className="emoji-picker__tabs" role="tablist" aria-label="Emoji categories" onKeyDown={onTabKey}>
          {data.groups.map((g, index) => (
            <button
              key={g.name}
              type="button"
              role="tab"
              id={`${ids}-tab-${index}`}
              data-category={index}
              aria-selected={!words && index === category}
              aria-controls={`${ids}-panel`}
              aria-label={g.name}
              title={g.name}
              tabIndex={index === category ? 0 : -1}
              className="emoji-picker__tab"
              onClick={() => {
                setCategory(index);
                setQuery('');
              }}
            >
              {g.entries[0]?.emoji}
            </button>
          ))}
        </div>
      )}
      <div className="emoji-picker__body" id={`${ids}-panel`} {...(data && !words ? { role: 'tabpanel', 'aria-labelledby': `${ids}-tab-${category}` } : {})}>
        {error ? (
          <p className="emoji-picker__empty" role="alert">
            Could not load the emoji. Close the picker and try again.
          </p>
        ) : !data ? (
          <p className="emoji-picker__empty" role="status">
            Loading emoji…
          </p>
        ) : words ? (
          <>
            <p className="visually-hidden" role="status">
              {results.length === 0 ? 'No emoji found' : `${results.length} emoji found`}
            </p>
            {results.length === 0 ? (
              <p className="emoji-picker__empty">No emoji found</p>
            ) : (
              <EmojiGrid key={words} label="Search results" items={results} onPick={pick} onShow={setShown} />
            )}
          </>
        ) : (
          <>
            {recentItems.length > 0 && (
              <>
                <h3 className="emoji-picker__heading">Recently used</h3>
                <EmojiGrid label="Recently used" items={recentItems} onPick={pick} onShow={setShown} />
              </>
            )}
            <h3 className="emoji-picker__heading">{group?.name}</h3>
            <EmojiGrid key={category} label={group?.name ?? ''} items={groupItems} onPick={pick} onShow={setShown} />
          </>
        )}
      </div>
      <div className="emoji-picker__preview" aria-hidden="true">
        {shown && (
          <>
            <span className="emoji-picker__preview-emoji">{shown.emoji}</span>
            <span>{shown.label}</span>
            {data?.byEmoji.get(shown.emoji)?.shortcodes[0] && <code>:{data.byEmoji.get(shown.emoji)!.shortcodes[0]}:</code>}
          </>
        )}
      </div>
    </div>
  );
}
