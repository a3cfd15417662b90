import type { CSSProperties } from 'react';
import { avatarHue, initials } from '../lib/avatar';
import type { PresenceStatus } from '../shared/contract';
import { PresenceDot } from './PresenceDot';
import './Avatar.css';

interface AvatarProps {
  id: string;
  name: string;
  size?: number;
  status?: PresenceStatus | undefined;
}

/** Initials on a colour of the user's own; purely decorative, the name is always shown next to it. */
export function Avatar({ id, name, size = 36, status }: AvatarProps) {
  const style = { '--avatar-hue': avatarHue(id), '--avatar-size': `${size}px` } as CSSProperties;
  return (
    <span className="avatar" style={style} aria-hidden="true">
      {initials(name)}
      {status && <PresenceDot status={status} className="avatar__presence" decorative />}
    </span>
  );
}
