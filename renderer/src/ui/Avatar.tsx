import { useState, type CSSProperties } from 'react';
import { useImageLink } from './use-image-link';
import { avatarHue, initials } from '../lib/avatar';
import type { PresenceStatus } from '../shared/contract';
import { PresenceDot } from './PresenceDot';
import './Avatar.css';

interface AvatarProps {
  id: string;
  name: string;
  size?: number;
  status?: PresenceStatus | undefined;
  /** The user's picture (`User.avatarUrl`, a server path); initials while there is none or it fails to load. */
  imageUrl?: string | null | undefined;
}

/** The user's picture, or initials on a colour of their own; purely decorative, the name is always shown next to it. */
export function Avatar({ id, name, size = 36, status, imageUrl }: AvatarProps) {
  const style = { '--avatar-hue': avatarHue(id), '--avatar-size': `${size}px` } as CSSProperties;
  const src = useImageLink(imageUrl);
  const [failed, setFailed] = useState<string | null>(null);
  const showImage = src !== null && failed !== src;
  return (
    <span className={`avatar${showImage ? ' avatar--image' : ''}`} style={style} aria-hidden="true" data-avatar-src={showImage ? src : undefined}>
      {showImage ? <img className="avatar__image" src={src} alt="" draggable={false} onError={() => setFailed(src)} /> : initials(name)}
      {status && <PresenceDot status={status} className="avatar__presence" decorative />}
    </span>
  );
}
