import { useUiStore } from '../../stores/ui';
import { Icon } from '../../ui/Icon';
import { SidebarSection } from './SidebarSection';
import { UserMenu } from './UserMenu';
import { useSectionIds } from './use-section-ids';
import './Sidebar.css';

export function Sidebar() {
  const openDialog = useUiStore((s) => s.openDialog);
  const channels = useSectionIds('channels');
  const groups = useSectionIds('groups');
  const dms = useSectionIds('dms');

  return (
    <aside className="sidebar">
      <header className="sidebar__header">
        <div className="sidebar__brand">
          <span className="sidebar__logo" aria-hidden="true">
            <Icon name="droplet" size={16} />
          </span>
          <span className="sidebar__name">Droplink</span>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Search messages"
          title="Search messages (Ctrl+Shift+F)"
          onClick={() => openDialog({ kind: 'search' })}
        >
          <Icon name="search" />
        </button>
      </header>

      <button type="button" className="sidebar__jump" onClick={() => openDialog({ kind: 'quick-switcher' })}>
        <Icon name="search" size={15} />
        <span>Jump to…</span>
        <kbd aria-hidden="true">Ctrl K</kbd>
      </button>

      <nav className="sidebar__nav" aria-label="Rooms">
        <SidebarSection
          title="Channels"
          roomIds={channels}
          empty="Browse channels to join one."
          actions={[
            { label: 'Browse channels', icon: 'compass', onClick: () => openDialog({ kind: 'browse-channels' }) },
            { label: 'Create channel', icon: 'plus', onClick: () => openDialog({ kind: 'create-room', roomKind: 'channel' }) },
          ]}
        />
        <SidebarSection
          title="Private groups"
          roomIds={groups}
          empty="No private groups yet."
          actions={[{ label: 'Create private group', icon: 'plus', onClick: () => openDialog({ kind: 'create-room', roomKind: 'group' }) }]}
        />
        <SidebarSection
          title="Direct messages"
          roomIds={dms}
          empty="Start a conversation with a teammate."
          actions={[{ label: 'New direct message', icon: 'plus', onClick: () => openDialog({ kind: 'new-dm' }) }]}
        />
      </nav>

      <UserMenu />
    </aside>
  );
}
