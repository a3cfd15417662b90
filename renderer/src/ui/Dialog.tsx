import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';
import './Dialog.css';

interface DialogProps {
  title: string;
  description?: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider panel for lists (search, browse). */
  size?: 'small' | 'medium' | 'large';
  /** Dialogs like the quick switcher draw their own header. */
  hideHeader?: boolean;
  className?: string;
}

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** A modal dialog: focus moves in and is trapped, Escape or a click outside closes it, focus returns after. */
export function Dialog({ title, description, onClose, children, size = 'medium', hideHeader, className }: DialogProps) {
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const node = panel.current;
    const autofocus = node?.querySelector<HTMLElement>('[data-autofocus]') ?? node?.querySelector<HTMLElement>(FOCUSABLE);
    (autofocus ?? node)?.focus();
    return () => {
      // Give focus back unless what the dialog did already moved it (e.g. into a room's composer).
      const current = document.activeElement;
      if (!current || current === document.body || node?.contains(current)) previous?.focus?.();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={panel}
        className={`dialog dialog--${size}${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className={hideHeader ? 'visually-hidden' : 'dialog__header'}>
          <div>
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="dialog__description">
                {description}
              </p>
            )}
          </div>
          {!hideHeader && (
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              <Icon name="x" />
            </button>
          )}
        </header>
        {children}
      </div>
    </div>
  );
}
