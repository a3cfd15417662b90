import { useShallow } from 'zustand/react/shallow';
import { sidebarSections } from '../../lib/sidebar-order';
import { useRoomsStore } from '../../stores/rooms';

type Section = 'channels' | 'groups' | 'dms';

/** The ids of one sidebar section, re-rendering only when membership or order changes. */
export const useSectionIds = (section: Section): string[] => useRoomsStore(useShallow((s) => sidebarSections(s.rooms)[section].map((r) => r.id)));
