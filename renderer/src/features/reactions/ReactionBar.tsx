import { useState } from 'react';
import { formatNames } from '../../lib/format';
import { toggleReaction } from '../../services/messages';
import { reportFailure } from '../../services/report-failure';
import type { Message } from '../../shared/contract';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Icon } from '../../ui/Icon';
import { EmojiPicker } from './EmojiPicker';
import './ReactionBar.css';

/** The reactions under a message: count per emoji, who reacted on hover, click to join or leave. */
export function ReactionBar({ message, myId }: { message: Message; myId: string | null }) {
  const users = useUsersStore((s) => s.users);
  const [picking, setPicking] = useState(false);
  const entries = Object.entries(message.reactions).filter(([, ids]) => ids.length > 0);
  if (entries.length === 0) return null;

  return (
    <div className="reactions" role="group" aria-label="Reactions">
      {entries.map(([emoji, ids]) => {
        const mine = myId !== null && ids.includes(myId);
        const names = formatNames(
          ids.map((id) => (id === myId ? 'You' : displayNameOf(users[id]))),
          12,
        );
        return (
          <button
            key={emoji}
            type="button"
            className={`reaction${mine ? ' reaction--mine' : ''}`}
            aria-pressed={mine}
            aria-label={`${emoji} ${ids.length}, ${names}`}
            title={`${names} reacted with ${emoji}`}
            onClick={() => void toggleReaction(message, emoji).catch(reportFailure(`update your ${emoji} reaction`))}
          >
            <span className="reaction__emoji">{emoji}</span>
            <span className="reaction__count">{ids.length}</span>
          </button>
        );
      })}
      <span className="reactions__add-wrap">
        <button type="button" className="reaction reaction--add" aria-label="Add reaction" title="Add reaction" onClick={() => setPicking(!picking)}>
          <Icon name="smile" size={15} />
        </button>
        {picking && (
          <EmojiPicker
            onClose={() => setPicking(false)}
            onPick={(emoji) => {
              setPicking(false);
              if (!(message.reactions[emoji] ?? []).includes(myId ?? '')) void toggleReaction(message, emoji).catch(reportFailure(`react with ${emoji}`));
            }}
          />
        )}
      </span>
    </div>
  );
}
