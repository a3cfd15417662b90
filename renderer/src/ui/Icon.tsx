import type { ReactNode } from 'react';

const circle = (cx: number, cy: number, r: number): ReactNode => <circle cx={cx} cy={cy} r={r} />;

/** Stroke icons on a 24px grid. */
const ICONS = {
  hash: 'M4 9h16M4 15h16M10 3 8 21M16 3l-2 18',
  lock: (
    <>
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </>
  ),
  plus: 'M12 5v14M5 12h14',
  search: (
    <>
      {circle(11, 11, 7)}
      <path d="m20 20-3.5-3.5" />
    </>
  ),
  send: 'M21.5 2.5 10.5 13.5M21.5 2.5l-7 19-4-8-8-4 19-7z',
  smile: (
    <>
      {circle(12, 12, 9.5)}
      <path d="M8 14s1.5 2 4 2 4-2 4-2M9 9.5h.01M15 9.5h.01" />
    </>
  ),
  paperclip: 'm21 11-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6L15 6.6',
  x: 'M18 6 6 18M6 6l12 12',
  check: 'M20 6 9 17l-5-5',
  checks: 'M17 6.5 7 16.5l-4.5-4.5M22 8.5l-8 8-1.5-1.5',
  clock: (
    <>
      {circle(12, 12, 9.5)}
      <path d="M12 7v5l3 2" />
    </>
  ),
  alert: (
    <>
      {circle(12, 12, 9.5)}
      <path d="M12 8v4.5M12 16h.01" />
    </>
  ),
  pencil: 'M17 3a2.8 2.8 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5Z',
  trash: 'M3 6h18M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2',
  chevronDown: 'm6 9 6 6 6-6',
  arrowDown: 'M12 5v14M19 12l-7 7-7-7',
  settings: 'M4 21v-7M4 10V3M12 21v-9M12 8V3M20 21v-5M20 12V3M1 14h6M9 8h6M17 16h6',
  file: 'M14.5 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V7.5L14.5 2zM14 2v6h6',
  download: 'M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M7 10l5 5 5-5M12 15V3',
  bellOff: 'M8.7 3A6 6 0 0 1 18 8c0 2 .3 3.7.7 5M17 17H3s3-2 3-9c0-.6.1-1.2.3-1.7M10.3 21a1.9 1.9 0 0 0 3.4 0M2 2l20 20',
  bell: 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.9 1.9 0 0 0 3.4 0',
  compass: (
    <>
      {circle(12, 12, 9.5)}
      <path d="m16.2 7.8-2.1 6.3-6.3 2.1 2.1-6.3z" />
    </>
  ),
  wifiOff:
    'M2 2l20 20M8.5 16.5a5 5 0 0 1 7 0M2 8.8a15 15 0 0 1 4.2-2.6M10.7 5a15 15 0 0 1 11.3 3.8M16.9 11.3a10 10 0 0 1 2.2 1.7M5 13a10 10 0 0 1 5.2-2.8M12 20h.01',
  logOut: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9',
  userPlus: (
    <>
      {circle(9, 7, 4)}
      <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M19 8v6M22 11h-6" />
    </>
  ),
  message: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
  retry: 'M3 12a9 9 0 1 0 9-9 9.8 9.8 0 0 0-6.7 2.7L3 8M3 3v5h5',
  reply: 'M9 17 4 12l5-5M20 18v-2a4 4 0 0 0-4-4H4',
  moon: 'M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z',
  droplet: 'M12 22a7 7 0 0 0 7-7c0-2-1-3.9-3-5.5s-3.5-4-4-6.5c-.5 2.5-2 4.9-4 6.5C6 11.1 5 13 5 15a7 7 0 0 0 7 7z',
  pin: 'M12 17v5M9 10.8V4h6v6.8l2.8 2.8a1 1 0 0 1 .2.6V16H6v-1.8a1 1 0 0 1 .2-.6zM8 4h8',
  at: (
    <>
      <circle cx="12" cy="12" r="4" />
      <path d="M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8" />
    </>
  ),
  thread: 'M21 11.5a8.4 8.4 0 0 1-9 8.4 8.5 8.5 0 0 1-3.8-.9L3 21l1.9-5.7a8.4 8.4 0 0 1-.9-3.8 8.5 8.5 0 0 1 8.5-8.5 8.4 8.4 0 0 1 8.5 8.5zM8 10h8M8 14h5',
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof ICONS;

export function Icon({ name, size = 18, className }: { name: IconName; size?: number; className?: string }) {
  const shape = ICONS[name];
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {typeof shape === 'string' ? <path d={shape} /> : shape}
    </svg>
  );
}
