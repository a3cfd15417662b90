import { Icon } from '../../ui/Icon';

export function JumpToLatest({ unread, onClick }: { unread: number; onClick: () => void }) {
  return (
    <button type="button" className="jump-to-latest" onClick={onClick}>
      <Icon name="arrowDown" size={15} />
      {unread > 0 ? `${unread} new ${unread === 1 ? 'message' : 'messages'}` : 'Jump to latest'}
    </button>
  );
}
