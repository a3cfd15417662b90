import type { DndSchedule } from '../../common/ipc';
import type { Clock, TimerHandle } from '../ports';

const minutesOf = (time: string): number => {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

const isWeekend = (day: number): boolean => day === 0 || day === 6;

/**
 * Whether `at` (read in the computer's local time) falls in the do-not-disturb schedule: the quiet
 * hours from `from` to `to` on every day (a window that crosses midnight, e.g. 18:00-09:00, runs
 * into the next morning), and all day on Saturdays and Sundays when `weekends` is on.
 * `from` equal to `to` means no quiet hours.
 */
export function inDndSchedule(schedule: DndSchedule, at: Date): boolean {
  if (!schedule.enabled) return false;
  if (schedule.weekends && isWeekend(at.getDay())) return true;
  const now = at.getHours() * 60 + at.getMinutes();
  const from = minutesOf(schedule.from);
  const to = minutesOf(schedule.to);
  if (from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** Milliseconds until the next whole minute, when the schedule is looked at again. */
export function msToNextMinute(at: Date): number {
  return 60_000 - ((at.getSeconds() * 1000 + at.getMilliseconds()) % 60_000);
}

/**
 * Looks at the schedule at every whole minute (and when asked, e.g. after the setting changed) and
 * tells its listener when the computer enters or leaves the do-not-disturb window.
 */
export class DndScheduleWatcher {
  private active = false;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly schedule: () => DndSchedule,
    private readonly changed: (active: boolean) => void,
  ) {}

  isActive(): boolean {
    return this.active;
  }

  start(): void {
    this.stop();
    this.check();
    const tick = (): void => {
      this.check();
      this.timer = this.clock.setTimeout(tick, msToNextMinute(new Date(this.clock.now())));
    };
    this.timer = this.clock.setTimeout(tick, msToNextMinute(new Date(this.clock.now())));
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  check(): void {
    const active = inDndSchedule(this.schedule(), new Date(this.clock.now()));
    if (active === this.active) return;
    this.active = active;
    this.changed(active);
  }
}
