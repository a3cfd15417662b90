import { useState, type DragEvent } from 'react';
import { startUploads } from '../../services/uploads';
import { useThreadsStore } from '../../stores/threads';
import { Icon } from '../../ui/Icon';
import { Composer } from '../composer/Composer';
import { TypingIndicator } from '../composer/TypingIndicator';
import { MessageList } from '../messages/MessageList';
import { ThreadPane } from '../threads/ThreadPane';
import { RoomHeader } from './RoomHeader';
import { useRoomTitle } from './use-room-title';
import './RoomView.css';

const hasFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

/** One open room: header, messages, who is typing and the composer, and beside them an open thread. Files can be dropped anywhere on the room. */
export function RoomView({ roomId }: { roomId: string }) {
  const { kind, title, label } = useRoomTitle(roomId);
  const [dragging, setDragging] = useState(false);
  const threadRootId = useThreadsStore((s) => (s.open?.roomId === roomId ? s.open.rootId : null));
  if (!kind) return null;

  return (
    <div className="room-split">
      <section
        className="room"
        aria-label={label}
        onDragOver={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
        onDrop={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDragging(false);
          startUploads(roomId, [...e.dataTransfer.files]);
        }}
      >
        <RoomHeader roomId={roomId} />
        <MessageList roomId={roomId} title={label} />
        <TypingIndicator roomId={roomId} />
        <Composer roomId={roomId} placeholder={kind === 'dm' ? `Message ${title}` : `Message ${label}`} />
        {dragging && (
          <div className="room__drop" aria-hidden="true">
            <Icon name="paperclip" size={28} />
            <span>Drop files to share in {label}</span>
          </div>
        )}
      </section>
      {threadRootId && <ThreadPane key={threadRootId} roomId={roomId} rootId={threadRootId} roomLabel={label} />}
    </div>
  );
}
