import { ensureUsers } from '../../services/users';
import type { User } from '../../shared/contract';
import { useRoomsStore } from '../../stores/rooms';
import { getMyId } from '../../stores/session';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Icon } from '../../ui/Icon';
import { PresenceDot } from '../../ui/PresenceDot';
import type { AutocompleteOption, AutocompleteSource } from './autocomplete/autocomplete-source';

const SHOWN_PEOPLE = 8;

/** `@channel` and `@here`: everyone in the room, or everyone online in it (channels and groups only). */
const ROOM_WIDE = [
  { name: 'channel', detail: 'Notify everyone in this room' },
  { name: 'here', detail: 'Notify everyone online in this room' },
] as const;

/** 0: the username starts with the query, 1: a word of the name does, 2: either contains it; null: no match. */
function rank(user: User, query: string): number | null {
  if (query === '') return 0;
  const username = user.username.toLowerCase();
  const name = user.displayName.toLowerCase();
  if (username.startsWith(query)) return 0;
  if (name.split(/\s+/).some((word) => word.startsWith(query))) return 1;
  if (username.includes(query) || name.includes(query)) return 2;
  return null;
}

const ONLINE_FIRST: Record<User['status'], number> = { online: 0, away: 1, dnd: 2, offline: 3 };

function personOption(user: User): AutocompleteOption {
  return {
    key: `user-${user.id}`,
    replacement: `@${user.username} `,
    content: (
      <>
        <PresenceDot status={user.status} />
        <span>
          {displayNameOf(user)} <span className="autocomplete__detail">@{user.username}</span>
        </span>
      </>
    ),
  };
}

/** The room's members matching the query (names and usernames), then @channel and @here. */
function mentionOptions(roomId: string, rawQuery: string): AutocompleteOption[] {
  const room = useRoomsStore.getState().rooms[roomId];
  if (!room) return [];
  ensureUsers(room.memberIds);
  const users = useUsersStore.getState().users;
  const myId = getMyId();
  const query = rawQuery.toLowerCase();
  const people = room.memberIds
    .filter((id) => id !== myId)
    .flatMap((id) => {
      const user = users[id];
      const score = user ? rank(user, query) : null;
      return user && score !== null ? [{ user, score }] : [];
    })
    .sort(
      (a, b) => a.score - b.score || ONLINE_FIRST[a.user.status] - ONLINE_FIRST[b.user.status] || displayNameOf(a.user).localeCompare(displayNameOf(b.user)),
    )
    .slice(0, SHOWN_PEOPLE)
    .map(({ user }) => personOption(user));
  const roomWide =
    room.kind === 'dm'
      ? []
      : ROOM_WIDE.filter(({ name }) => name.startsWith(query)).map(({ name, detail }) => ({
          key: `room-${name}`,
          replacement: `@${name} `,
          content: (
            <>
              <span className="autocomplete__emoji">
                <Icon name="at" size={18} />
              </span>
              <span>
                @{name} <span className="autocomplete__detail">{detail}</span>
              </span>
            </>
          ),
        }));
  return [...people, ...roomWide];
}

/** `@` completes the room's members, `@channel` and `@here`. */
export const mentionCompletion = (roomId: string): AutocompleteSource => ({
  id: 'mention',
  label: 'People',
  trigger: { char: '@', minQueryLength: 0, queryPattern: /^[\w.-]{0,32}$/ },
  options: (query) => mentionOptions(roomId, query),
});
