import { create } from 'zustand';

/** `info` goes away by itself; `error` stays until the person dismisses it. */
type NoticeTone = 'info' | 'error';

interface NoticeInput {
  tone: NoticeTone;
  /** What happened, e.g. "Could not leave #general". */
  title: string;
  /** Why, and what to do next. */
  detail?: string;
}

export interface Notice extends NoticeInput {
  id: number;
  /** How many times in a row this same notice was shown. */
  count: number;
}

/** How long an info notice stays up (restarted by a repeat, paused while pointed at or focused). */
export const INFO_NOTICE_MS = 5_000;
/** The oldest notices give way beyond this many. */
export const MAX_NOTICES = 4;

interface NoticesStore {
  notices: Notice[];
  /** Shows a notice, or counts a repeat of the newest one if it is the same; returns its id. */
  show: (notice: NoticeInput) => number;
  dismiss: (id: number) => void;
  /** The person is reading it (pointer over it, or focus in it): it does not go away meanwhile. */
  hold: (id: number) => void;
  release: (id: number) => void;
}

const timers = new Map<number, ReturnType<typeof setTimeout>>();
const held = new Set<number>();
let nextId = 1;

const same = (a: NoticeInput, b: NoticeInput): boolean => a.tone === b.tone && a.title === b.title && a.detail === b.detail;

function stopTimer(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
}

export const useNoticesStore = create<NoticesStore>()((set, get) => {
  const startTimer = (notice: Notice): void => {
    stopTimer(notice.id);
    if (notice.tone !== 'info' || held.has(notice.id)) return;
    timers.set(
      notice.id,
      setTimeout(() => get().dismiss(notice.id), INFO_NOTICE_MS),
    );
  };

  return {
    notices: [],
    show: (input) => {
      const notices = get().notices;
      const newest = notices.at(-1);
      if (newest && same(newest, input)) {
        const repeated = { ...newest, count: newest.count + 1 };
        set({ notices: [...notices.slice(0, -1), repeated] });
        startTimer(repeated);
        return repeated.id;
      }
      const notice: Notice = { ...input, id: nextId++, count: 1 };
      const kept = [...notices, notice];
      for (const gone of kept.splice(0, Math.max(0, kept.length - MAX_NOTICES))) {
        stopTimer(gone.id);
        held.delete(gone.id);
      }
      set({ notices: kept });
      startTimer(notice);
      return notice.id;
    },
    dismiss: (id) => {
      stopTimer(id);
      held.delete(id);
      set((s) => (s.notices.some((n) => n.id === id) ? { notices: s.notices.filter((n) => n.id !== id) } : s));
    },
    hold: (id) => {
      held.add(id);
      stopTimer(id);
    },
    release: (id) => {
      held.delete(id);
      const notice = get().notices.find((n) => n.id === id);
      if (notice) startTimer(notice);
    },
  };
});
