import type { ListContext } from './MessageList';

/** Top of the list while older pages are still to come: a spinner (the room intro shows once the beginning is reached). */
export function ListHeader({ context }: { context?: ListContext }) {
  if (!context?.hasOlder) return null;
  return (
    <div className="list-header list-header--loading">
      <span className="spinner" role="status" aria-label="Loading older messages" />
    </div>
  );
}
