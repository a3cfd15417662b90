import { useEffect } from 'react';
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

/** Under a thread root: how many replies, who took part, when the last came; opens the thread. */
export function ThreadSummary({ message }: { message: Message }) {
  const thread = message.thread;
  const unseen = useThreadsStore((s) => s.unread[message.roomId]?.includes(message.id) ?? false);
  const users = useUsersStore((s) => s.users);
  const participantIds = thread?.participantIds;
  useEffect(() => {
    if (participantIds) ensureUsers(participantIds);
  }, [participantIds]);
  if (!thread || thread.replyCount === 0) return null;
  const participants = thread.participantIds.slice(0, SHOWN_PARTICIPANTS);
  const replies = `${thread.replyCount} ${thread.replyCount === 1 ? 'reply' : 'replies'}`;
  return (
    <button
      type="button"
      className={`thread-summary${unseen ? ' thread-summary--unseen' : ''}`}
      aria-label={`${replies}${unseen ? ', new' : ''}, last reply ${formatTime(thread.lastReplyAt)}. Open thread`}
      onClick={() => void openThread(message).catch(reportFailure('open the thread'))}
    >
      <span className="thread-summary__avatars" aria-hidden="true">
        {participants.map((id) => (
          <Avatar key={id} id={id} name={displayNameOf(users[id])} size={20} imageUrl={users[id]?.avatarUrl} />
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
