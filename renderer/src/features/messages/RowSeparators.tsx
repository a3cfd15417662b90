import type { RowLayout } from './list-items';

/** The day separator and the "new messages" line drawn above a row. */
export function RowSeparators({ layout }: { layout: RowLayout }) {
  return (
    <>
      {layout.daySeparator && (
        <div className="day-separator" role="separator" aria-label={layout.daySeparator}>
          <span>{layout.daySeparator}</span>
        </div>
      )}
      {layout.unreadLine && (
        <div className="unread-line" role="separator" aria-label="New messages">
          <span>New messages</span>
        </div>
      )}
    </>
  );
}
