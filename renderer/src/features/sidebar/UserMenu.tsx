import { reportFailure } from '../../services/report-failure';
import { setMyStatus, signOut } from '../../services/session';
import type { SettableStatus } from '../../shared/contract';
import { selectMe, useSessionStore } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { useUsersStore } from '../../stores/users';
import { Avatar } from '../../ui/Avatar';
import { Icon } from '../../ui/Icon';
import { Menu } from '../../ui/Menu';
import { PRESENCE_LABELS, PresenceDot } from '../../ui/PresenceDot';

const STATUSES: SettableStatus[] = ['online', 'away', 'dnd'];

/** The signed-in user at the bottom of the sidebar: status, settings and sign out. */
export function UserMenu() {
  const me = useSessionStore(selectMe);
  const live = useUsersStore((s) => (me ? s.users[me.id] : undefined));
  const openDialog = useUiStore((s) => s.openDialog);
  if (!me) return null;
  const user = live ?? me;
  const status = user.status === 'offline' ? 'online' : user.status;

  return (
    <footer className="user-menu">
      <Menu
        label={`${user.displayName}, ${PRESENCE_LABELS[status]}. Account menu`}
        triggerClassName="user-menu__trigger"
        placement="above"
        trigger={
          <>
            <Avatar id={user.id} name={user.displayName} size={32} status={status} imageUrl={user.avatarUrl} />
            <span className="user-menu__text">
              <span className="user-menu__name">{user.displayName}</span>
              <span className="user-menu__status">{PRESENCE_LABELS[status]}</span>
            </span>
            <Icon name="chevronDown" size={14} />
          </>
        }
        items={[
          ...STATUSES.map((s) => ({
            label: PRESENCE_LABELS[s],
            icon: <PresenceDot status={s} decorative />,
            checked: status === s,
            onSelect: () => void setMyStatus(s).catch(reportFailure(`set your status to ${PRESENCE_LABELS[s]}`)),
          })),
          { label: 'Edit profile', icon: <Icon name="pencil" size={15} />, onSelect: () => openDialog({ kind: 'profile' }), separatorBefore: true },
          { label: 'Settings', icon: <Icon name="settings" size={15} />, onSelect: () => openDialog({ kind: 'settings' }) },
          { label: 'Sign out', icon: <Icon name="logOut" size={15} />, onSelect: () => void signOut().catch(reportFailure('sign out')), danger: true },
        ]}
      />
    </footer>
  );
}
