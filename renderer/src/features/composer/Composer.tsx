import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { call } from '../../bridge/call';
import { errorMessage } from '../../bridge/bridge-error';
import { editMessage, sendMessage } from '../../services/messages';
import { sendReply } from '../../services/threads';
import { warnFailure } from '../../services/report-failure';
import { startUploads } from '../../services/uploads';
import { MESSAGE_BODY_MAX, type Message } from '../../shared/contract';
import { useMessagesStore } from '../../stores/messages';
import { getMyId } from '../../stores/session';
import { useThreadsStore } from '../../stores/threads';
import { useUiStore } from '../../stores/ui';
import { selectRoomUploads, useUploadsStore } from '../../stores/uploads';
import { Icon } from '../../ui/Icon';
import { inTone, loadedEmojiData, preloadEmojiData, type EmojiEntry } from '../emoji/emoji-data';
import { getSkinTone } from '../emoji/emoji-preferences';
import { replaceClosedShortcode, replaceShortcodes } from '../emoji/emoji-search';
import { EmojiPicker } from '../reactions/EmojiPicker';
import { AutocompletePopup } from './autocomplete/AutocompletePopup';
import { useAutocomplete } from './autocomplete/use-autocomplete';
import { composerCompletionsFor } from './composer-completions';
import { getDraft, setDraft } from './drafts';
import { TypingNotifier } from './typing-notifier';
import { threadScope } from '../threads/thread-scope';
import { MentionReach } from './MentionReach';
import { UploadTray } from './UploadTray';
import './Composer.css';

const MAX_HEIGHT = 240;

const toned = (entry: EmojiEntry) => inTone(entry, getSkinTone());

/** `:smile:` typed in full (or pasted) becomes its emoji when sent, once the emoji data is there. */
function withEmoji(body: string): string {
  const data = loadedEmojiData();
  return data ? replaceShortcodes(data, body, toned) : body;
}

/** The messages a composer edits among: its room's timeline, or its thread's replies. */
const messagesOf = (roomId: string, threadRootId: string | undefined): readonly Message[] =>
  (threadRootId ? useThreadsStore.getState().threads[threadRootId]?.replies : useMessagesStore.getState().timelines[roomId]?.messages) ?? [];

function findMessage(roomId: string, threadRootId: string | undefined, messageId: string): Message | undefined {
  return messagesOf(roomId, threadRootId).find((m) => m.id === messageId);
}

function lastOwnMessage(roomId: string, threadRootId: string | undefined): Message | undefined {
  const messages = messagesOf(roomId, threadRootId);
  const me = getMyId();
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.senderId === me && m.deletedAt === null && m.body) return m;
  }
  return undefined;
}

/**
 * Writes and edits messages. Enter sends, Shift+Enter adds a line, Up edits my last message,
 * Escape cancels an edit. Files come in by paste, drop (see RoomView) or the picker. With
 * `threadRootId` it writes replies in that thread (the thread pane's composer), with a draft,
 * uploads and edits of its own.
 */
export function Composer({ roomId, placeholder, threadRootId }: { roomId: string; placeholder: string; threadRootId?: string }) {
  const scope = threadRootId ? threadScope(threadRootId) : roomId;
  const [text, setText] = useState(() => getDraft(scope));
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const editing = useUiStore((s) => (s.editing?.roomId === scope ? s.editing.messageId : null));
  const { startEditing, stopEditing, clearUnreadMarker } = useUiStore.getState();
  const uploads = useUploadsStore(selectRoomUploads(scope));
  const [pickingEmoji, setPickingEmoji] = useState(false);
  /** Where to put the caret once new text (an inserted emoji) has rendered. */
  const caretAfter = useRef<number | null>(null);
  const typing = useMemo(
    () => new TypingNotifier((isTyping) => void call('typing', { roomId, typing: isTyping }).catch(warnFailure('send the typing indicator'))),
    [roomId],
  );

  useEffect(() => () => typing.stop(), [typing]);

  // Entering edit mode loads the message's text; leaving it brings the draft back. Done while
  // rendering (React's "adjusting state when a prop changes"), so no frame shows the old text.
  // The initial text is the draft, so a composer mounted mid-edit still loads the message.
  const [shownFor, setShownFor] = useState<{ scope: string; editing: string | null }>({ scope, editing: null });
  if (shownFor.scope !== scope || shownFor.editing !== editing) {
    setShownFor({ scope, editing });
    setText(editing ? (findMessage(roomId, threadRootId, editing)?.body ?? '') : getDraft(scope));
  }
  useEffect(() => {
    if (editing) textarea.current?.focus();
  }, [editing, scope]);

  useLayoutEffect(() => {
    const node = textarea.current;
    if (!node) return;
    node.style.height = 'auto';
    node.style.height = `${Math.min(node.scrollHeight, MAX_HEIGHT)}px`;
  }, [text]);

  useEffect(() => textarea.current?.focus(), [scope]);

  useEffect(() => preloadEmojiData(warnFailure('load the emoji data')), []);

  useLayoutEffect(() => {
    const node = textarea.current;
    if (caretAfter.current === null || !node) return;
    node.focus();
    node.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  });

  const uploading = uploads.some((u) => u.status === 'uploading');
  const ready = uploads.filter((u) => u.status === 'done' && u.attachment);
  const canSend = !uploading && (text.trim().length > 0 || ready.length > 0) && text.length <= MESSAGE_BODY_MAX;

  const change = (value: string) => {
    setText(value);
    setError(null);
    if (!editing) {
      setDraft(scope, value);
      typing.input(value.trim() === '');
    }
  };

  const completion = useAutocomplete(composerCompletionsFor(roomId), textarea, change);

  const onInput = (node: HTMLTextAreaElement) => {
    const data = loadedEmojiData();
    const closed = data && node.selectionStart === node.selectionEnd ? replaceClosedShortcode(data, node.value, node.selectionStart, toned) : null;
    if (closed) {
      caretAfter.current = closed.caret;
      change(closed.text);
      completion.close();
      return;
    }
    change(node.value);
    completion.update(node.value, node.selectionStart, node.selectionEnd);
  };

  const insertEmoji = (emoji: string) => {
    const node = textarea.current;
    const start = node?.selectionStart ?? text.length;
    const end = node?.selectionEnd ?? text.length;
    caretAfter.current = start + emoji.length;
    setPickingEmoji(false);
    change(text.slice(0, start) + emoji + text.slice(end));
  };

  const submit = async () => {
    if (editing) return saveEdit(editing);
    if (!canSend) return;
    const body = withEmoji(text.trim());
    const attachmentIds = ready.map((u) => u.attachment!.id);
    setText('');
    setDraft(scope, '');
    typing.stop();
    clearUnreadMarker(roomId);
    try {
      if (threadRootId) await sendReply(roomId, threadRootId, body, attachmentIds);
      else await sendMessage(roomId, body, attachmentIds);
      for (const upload of ready) useUploadsStore.getState().remove(upload.uploadId);
    } catch (failure) {
      setText(body);
      setDraft(scope, body);
      setError(errorMessage(failure));
    }
  };

  const saveEdit = async (messageId: string) => {
    const body = withEmoji(text.trim());
    const original = findMessage(roomId, threadRootId, messageId);
    if (!body || body === original?.body) return stopEditing();
    try {
      await editMessage(messageId, body);
      stopEditing();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing || completion.onKeyDown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && editing) {
      event.preventDefault();
      event.stopPropagation();
      stopEditing();
    } else if (event.key === 'ArrowUp' && !editing && text === '' && !event.altKey) {
      const last = lastOwnMessage(roomId, threadRootId);
      if (last) {
        event.preventDefault();
        startEditing(scope, last.id);
      }
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    startUploads(scope, files);
  };

  return (
    <div className={`composer${editing ? ' composer--editing' : ''}`}>
      {editing && (
        <div className="composer__banner">
          <Icon name="pencil" size={14} />
          <span>Editing message</span>
          <span className="composer__banner-hint">Esc to cancel · Enter to save</span>
        </div>
      )}
      {!editing && <UploadTray uploads={uploads} />}
      <div className="composer__box">
        {completion.popup && <AutocompletePopup {...completion.popup} />}
        {!editing && (
          <>
            <button type="button" className="icon-button" aria-label="Attach files" title="Attach files" onClick={() => fileInput.current?.click()}>
              <Icon name="paperclip" />
            </button>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              aria-hidden="true"
              tabIndex={-1}
              onChange={(e) => {
                startUploads(scope, [...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
            <span className="composer__emoji">
              <button
                type="button"
                className="icon-button"
                aria-label="Insert emoji"
                title="Insert emoji"
                aria-expanded={pickingEmoji}
                onClick={() => setPickingEmoji(!pickingEmoji)}
              >
                <Icon name="smile" />
              </button>
              {pickingEmoji && <EmojiPicker label="Insert emoji" align="start" onPick={insertEmoji} onClose={() => setPickingEmoji(false)} />}
            </span>
          </>
        )}
        <textarea
          ref={textarea}
          className="composer__input"
          aria-label={editing ? 'Edit message' : threadRootId ? 'Reply' : 'Message'}
          placeholder={editing ? 'Edit your message' : placeholder}
          rows={1}
          value={text}
          {...completion.inputProps}
          onChange={(e) => onInput(e.target)}
          onSelect={(e) => completion.update(e.currentTarget.value, e.currentTarget.selectionStart, e.currentTarget.selectionEnd)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            typing.stop();
            completion.close();
          }}
        />
        {editing ? (
          <>
            <button type="button" className="button button--small button--ghost" onClick={stopEditing}>
              Cancel
            </button>
            <button type="button" className="button button--small button--primary" onClick={() => void submit()}>
              Save
            </button>
          </>
        ) : (
          <button type="button" className="composer__send" aria-label="Send" title="Send (Enter)" disabled={!canSend} onClick={() => void submit()}>
            <Icon name="send" size={17} />
          </button>
        )}
      </div>
      {!editing && <MentionReach roomId={roomId} text={text} />}
      <div className="composer__footer">
        {error ? (
          <span className="composer__error" role="alert">
            {error}
          </span>
        ) : (
          <span className="composer__hint">
            <b>**bold**</b> <i>_italic_</i> <code>`code`</code> · Shift+Enter for a new line
          </span>
        )}
        {text.length > MESSAGE_BODY_MAX - 500 && (
          <span className={`composer__count${text.length > MESSAGE_BODY_MAX ? ' composer__count--over' : ''}`}>{MESSAGE_BODY_MAX - text.length}</span>
        )}
      </div>
    </div>
  );
}
