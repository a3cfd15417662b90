import type { PresenceStatus } from '../shared/contract';
import './PresenceDot.css';

export const PRESENCE_LABELS: Record<PresenceStatus, string> = {
  online: 'Online',
  away: 'Away',
  dnd: 'Do not disturb',
  offline: 'Offline',
};

interface PresenceDotProps {
  status: PresenceStatus;
  className?: string;
  /** Hidden from screen readers where the status is already said in words. */
  decorative?: boolean;
}

export function PresenceDot({ status, className, decorative }: PresenceDotProps) {
  const label = decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': PRESENCE_LABELS[status], title: PRESENCE_LABELS[status] };
  return <span className={`presence-dot presence-dot--${status}${className ? ` ${className}` : ''}`} {...label} />;
}
