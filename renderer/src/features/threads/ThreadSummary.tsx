import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatFull, formatTime } from '../../lib/format';
import { reportFailure } from '../../services/report-failure';
import { openThread } from '../../services/threads';
import { ensureUsers } from '../../services/users';
import type { Message } from '../../shared/contract';
import { useThreadsStore } from '../../stores/threads';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Avatar } from '../../ui/Avatar';
import './Threads.css';

const SHOWN_PARTICIPANTS = 3;

/** Under a thread root: how many replies, who took part, when the last came; opens the thread. Nothing for other messages. */
export function ThreadSummary({ message }: { message: Message }) {
  return message.thread && message.thread.replyCount > 0 ? <Summary message={message} thread={message.thread} /> : null;
}

function Summary({ message, thread }: { message: Message; thread: NonNullable<Message['thread']> }) {
  const unseen = useThreadsStore((s) => s.unread[message.roomId]?.includes(message.id) ?? false);
  const participants = thread.participantIds.slice(0, SHOWN_PARTICIPANTS);
  const people = useUsersStore(useShallow((s) => participants.map((id) => s.users[id])));
  useEffect(() => {
    ensureUsers(thread.participantIds);
  }, [thread.participantIds]);
  const replies = `${thread.replyCount} ${thread.replyCount === 1 ? 'reply' : 'replies'}`;
  return (
    <button
      type="button"
      className={`thread-summary${unseen ? ' thread-summary--unseen' : ''}`}
      aria-label={`${replies}${unseen ? ', new' : ''}, last reply ${formatTime(thread.lastReplyAt)}. Open thread`}
      onClick={() => void openThread(message).catch(reportFailure('open the thread'))}
    >
      <span className="thread-summary__avatars" aria-hidden="true">
        {participants.map((id, index) => (
          <Avatar key={id} id={id} name={displayNameOf(people[index])} size={20} imageUrl={people[index]?.avatarUrl} />
        ))}
      </span>
      <span className="thread-summary__count">{replies}</span>
      <time className="thread-summary__time" dateTime={thread.lastReplyAt} title={formatFull(thread.lastReplyAt)}>
        Last reply {formatTime(thread.lastReplyAt)}
      </time>
      {unseen && <span className="thread-summary__dot" aria-hidden="true" />}
    </button>
  );
}
