import { ZOOM_LEVEL_MAX, ZOOM_LEVEL_MIN } from '../../common/ipc';
import type { ZoomDirection } from './app-menu';

const STEP = 0.5;

/** The zoom level after View → Zoom in / Zoom out / Actual size, kept within what the settings accept. */
export function nextZoomLevel(level: number, direction: ZoomDirection): number {
  if (direction === 'reset') return 0;
  const next = Math.round((level + (direction === 'in' ? STEP : -STEP)) / STEP) * STEP;
  return Math.min(ZOOM_LEVEL_MAX, Math.max(ZOOM_LEVEL_MIN, next));
}
