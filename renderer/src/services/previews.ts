import { call } from '../bridge/call';
import { useMessagesStore } from '../stores/messages';

/** The sender drops one link's preview from their message; the server never brings it back for that message. */
export async function removePreview(messageId: string, url: string): Promise<void> {
  const { message } = await call('messages:preview:remove', { messageId, url });
  useMessagesStore.getState().receiveUpdates([message]);
}
