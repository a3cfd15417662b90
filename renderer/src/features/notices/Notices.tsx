import type { KeyboardEvent } from 'react';
import { useNoticesStore, type Notice } from '../../stores/notices';
import { Icon } from '../../ui/Icon';
import './Notices.css';

function NoticeItem({ notice }: { notice: Notice }) {
  const { dismiss, hold, release } = useNoticesStore.getState();
  const error = notice.tone === 'error';
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Escape here closes the notice, not a dialog or menu underneath.
    event.stopPropagation();
    dismiss(notice.id);
  };

  return (
    <div
      className={`notice notice--${notice.tone}`}
      onPointerEnter={() => hold(notice.id)}
      onPointerLeave={() => release(notice.id)}
      onFocus={() => hold(notice.id)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) release(notice.id);
      }}
      onKeyDown={onKeyDown}
    >
      <Icon name={error ? 'alert' : 'check'} size={16} className="notice__icon" />
      {/* Only the words are announced: the live element holds no button. */}
      <div className="notice__text" role={error ? 'alert' : 'status'} aria-atomic="true">
        <p className="notice__title">
          {notice.title}
          {notice.count > 1 && (
            <>
              <span className="notice__count" aria-hidden="true">
                ×{notice.count}
              </span>
              <span className="visually-hidden"> ({notice.count} times)</span>
            </>
          )}
        </p>
        {notice.detail && <p className="notice__detail">{notice.detail}</p>}
      </div>
      <button
        type="button"
        className="icon-button icon-button--small notice__dismiss"
        aria-label="Dismiss notification"
        title="Dismiss (Esc)"
        onClick={() => dismiss(notice.id)}
      >
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

/** Where failures of what the person asked for (and short confirmations) show up; mounted once. */
export function Notices() {
  const notices = useNoticesStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label="Notifications">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </section>
  );
}
