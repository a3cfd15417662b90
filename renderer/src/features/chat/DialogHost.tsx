import { useUiStore } from '../../stores/ui';
import { ImageViewerDialog } from '../attachments/ImageViewerDialog';
import { DeleteMessageDialog } from '../messages/DeleteMessageDialog';
import { MemberListDialog } from '../members/MemberListDialog';
import { ProfileDialog } from '../profile/ProfileDialog';
import { InviteDialog } from '../room/InviteDialog';
import { LeaveRoomDialog } from '../room/LeaveRoomDialog';
import { RoomDetailsDialog } from '../room/RoomDetailsDialog';
import { SearchDialog } from '../search/SearchDialog';
import { SettingsDialog } from '../settings/SettingsDialog';
import { BrowseChannelsDialog } from '../sidebar/BrowseChannelsDialog';
import { CreateRoomDialog } from '../sidebar/CreateRoomDialog';
import { NewDmDialog } from '../sidebar/NewDmDialog';
import { QuickSwitcher } from '../switcher/QuickSwitcher';

/** Shows the one dialog the UI store says is open. */
export function DialogHost() {
  const dialog = useUiStore((s) => s.dialog);
  const close = useUiStore((s) => s.closeDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create-room':
      return <CreateRoomDialog roomKind={dialog.roomKind} onClose={close} />;
    case 'browse-channels':
      return <BrowseChannelsDialog onClose={close} />;
    case 'new-dm':
      return <NewDmDialog onClose={close} />;
    case 'invite':
      return <InviteDialog roomId={dialog.roomId} onClose={close} />;
    case 'settings':
      return <SettingsDialog onClose={close} />;
    case 'quick-switcher':
      return <QuickSwitcher onClose={close} />;
    case 'search':
      return <SearchDialog onClose={close} />;
    case 'image':
      return <ImageViewerDialog attachment={dialog.attachment} onClose={close} />;
    case 'delete-message':
      return <DeleteMessageDialog message={dialog.message} onClose={close} />;
    case 'members':
      return <MemberListDialog roomId={dialog.roomId} onClose={close} />;
    case 'room-details':
      return <RoomDetailsDialog roomId={dialog.roomId} onClose={close} />;
    case 'leave-room':
      return <LeaveRoomDialog roomId={dialog.roomId} onClose={close} />;
    case 'profile':
      return <ProfileDialog onClose={close} />;
  }
}
