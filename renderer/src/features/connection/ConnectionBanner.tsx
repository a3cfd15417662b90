import { useEffect, useState } from 'react';
import { reportFailure } from '../../services/report-failure';
import { signOut } from '../../services/session';
import { countUnsent, useOutboxStore } from '../../stores/outbox';
import { useSessionStore } from '../../stores/session';
import { Icon } from '../../ui/Icon';
import './ConnectionBanner.css';

function useSecondsUntil(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  if (!iso) return null;
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}

/** Says when the app is not connected, and what happens to messages meanwhile. */
export function ConnectionBanner() {
  const connection = useSessionStore((s) => s.connection);
  const unsent = useOutboxStore((s) => countUnsent(s.items));
  const retryIn = useSecondsUntil(connection.status === 'offline' ? connection.retryAt : null);

  if (connection.status === 'online') return null;
  const queued = unsent > 0 ? ` ${unsent} ${unsent === 1 ? 'message' : 'messages'} will be sent when you're back online.` : '';

  return (
    <div className={`connection-banner connection-banner--${connection.status}`} role="status">
      {connection.status === 'connecting' && (
        <>
          <span className="spinner connection-banner__spinner" aria-hidden="true" />
          {/* A reason means the connection failed before (an outage, or no answer after waking up). */}
          <span>
            {connection.reason ? 'Reconnecting…' : 'Connecting…'}
            {queued}
          </span>
        </>
      )}
      {connection.status === 'offline' && (
        <>
          <Icon name="wifiOff" size={16} />
          <span>
            You're offline.{queued}
            {retryIn !== null && retryIn > 0 ? ` Retrying in ${retryIn}s.` : ''}
          </span>
        </>
      )}
      {connection.status === 'unauthorized' && (
        <>
          <Icon name="alert" size={16} />
          <span>Your session has expired. Sign in again to keep chatting.</span>
          <button type="button" className="button button--small" onClick={() => void signOut().catch(reportFailure('go to the sign-in screen'))}>
            Sign in
          </button>
        </>
      )}
    </div>
  );
}
