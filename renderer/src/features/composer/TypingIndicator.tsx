import { formatNames } from '../../lib/format';
import { selectTypists, useTypingStore } from '../../stores/typing';
import { displayNameOf, useUsersStore } from '../../stores/users';
import './TypingIndicator.css';

function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length > 3) return 'Several people are typing…';
  return `${formatNames(names)} ${names.length === 1 ? 'is' : 'are'} typing…`;
}

export function TypingIndicator({ roomId }: { roomId: string }) {
  const typists = useTypingStore(selectTypists(roomId));
  const users = useUsersStore((s) => s.users);
  const text = typingText(typists.map((id) => displayNameOf(users[id])));
  return (
    <div className="typing-indicator" aria-live="polite">
      {text && (
        <>
          <span className="typing-indicator__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {text}
        </>
      )}
    </div>
  );
}
