import { useUiStore } from '../../stores/ui';
import { Icon } from '../../ui/Icon';

export function EmptyState({ loading }: { loading: boolean }) {
  const openDialog = useUiStore((s) => s.openDialog);
  if (loading) {
    return (
      <div className="empty-state">
        <span className="spinner" role="status" aria-label="Loading rooms" />
      </div>
    );
  }
  return (
    <div className="empty-state">
      <span className="empty-state__icon" aria-hidden="true">
        <Icon name="message" size={28} />
      </span>
      <h1 className="empty-state__title">No conversation open</h1>
      <p className="empty-state__text">Join a channel or start a direct message to get going.</p>
      <div className="empty-state__actions">
        <button type="button" className="button button--primary" onClick={() => openDialog({ kind: 'browse-channels' })}>
          Browse channels
        </button>
        <button type="button" className="button" onClick={() => openDialog({ kind: 'create-room', roomKind: 'channel' })}>
          Create a channel
        </button>
      </div>
    </div>
  );
}
