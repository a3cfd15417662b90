import { useId, useState } from 'react';
import { Icon, type IconName } from '../../ui/Icon';
import { RoomItem } from './RoomItem';

interface SectionAction {
  label: string;
  icon: IconName;
  onClick: () => void;
}

interface SidebarSectionProps {
  title: string;
  roomIds: string[];
  empty: string;
  actions: SectionAction[];
}

export function SidebarSection({ title, roomIds, empty, actions }: SidebarSectionProps) {
  const [collapsed, setCollapsed] = useState(false);
  const listId = useId();
  return (
    <section className="sidebar-section" aria-label={title}>
      <div className="sidebar-section__header">
        <button type="button" className="sidebar-section__toggle" aria-expanded={!collapsed} aria-controls={listId} onClick={() => setCollapsed(!collapsed)}>
          <Icon name="chevronDown" size={14} className={collapsed ? 'sidebar-section__chevron--collapsed' : undefined} />
          <h2 className="sidebar-section__title">{title}</h2>
        </button>
        <div className="sidebar-section__actions">
          {actions.map((action) => (
            <button
              key={action.label}
              type="button"
              className="icon-button icon-button--small"
              aria-label={action.label}
              title={action.label}
              onClick={action.onClick}
            >
              <Icon name={action.icon} size={15} />
            </button>
          ))}
        </div>
      </div>
      {!collapsed && (
        <ul id={listId} className="sidebar-section__list">
          {roomIds.map((id) => (
            <RoomItem key={id} roomId={id} />
          ))}
          {roomIds.length === 0 && <li className="sidebar-section__empty">{empty}</li>}
        </ul>
      )}
    </section>
  );
}
