import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { LinkPreviewCard } from '../../../../renderer/src/features/previews/LinkPreviewCard';
import { LinkPreviews } from '../../../../renderer/src/features/previews/LinkPreviews';
import { Notices } from '../../../../renderer/src/features/notices/Notices';
import type { LinkPreview } from '../../../../renderer/src/shared/contract';
import { useMessagesStore } from '../../../../renderer/src/stores/messages';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeMessage, makeUser, uuid } from '../../support/factories';
import { resetStores, signIn } from '../../support/stores';

let bridge: FakeBridge;
const me = makeUser({ username: 'alice' });
const previewId = uuid();
const full: LinkPreview = {
  url: 'https://example.com/post?id=1',
  title: 'A post worth reading',
  description: 'What the page says about itself.',
  siteName: 'Example Blog',
  imageUrl: `/api/previews/${previewId}/image`,
};

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
  signIn(me);
  bridge.handle('images:link', ({ path }) => ({ url: `app://droplink/attachments/previews/${path.split('/')[3]}` }));
});

describe('LinkPreviewCard', () => {
  it('shows site, title and description; the image comes through main, the link opens through main', async () => {
    render(<LinkPreviewCard preview={full} />);
    expect(screen.getByText('Example Blog')).toBeInTheDocument();
    expect(screen.getByText('What the page says about itself.')).toBeInTheDocument();
    await expect.poll(() => document.querySelector('.link-preview__image')?.getAttribute('src')).toBe(`app://droplink/attachments/previews/${previewId}`);
    expect(bridge.callsOf('images:link')).toEqual([{ path: full.imageUrl }]);

    await userEvent.click(screen.getByRole('link', { name: 'A post worth reading' }));
    expect(bridge.callsOf('shell:open-external')).toEqual([{ url: full.url }]);
    expect(screen.queryByRole('button', { name: /Remove preview/ })).not.toBeInTheDocument();
  });

  it('falls back to the host and the URL when the page names neither site nor title, and shows no image without one', () => {
    render(<LinkPreviewCard preview={{ url: 'https://bare.example.org/x', title: null, description: null, siteName: null, imageUrl: null }} />);
    expect(screen.getByText('bare.example.org')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://bare.example.org/x' })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(bridge.callsOf('images:link')).toEqual([]);
  });
});

describe('LinkPreviews under a message', () => {
  it("the sender removes a preview with messages:preview:remove; the server's message replaces it", async () => {
    const message = makeMessage(uuid(), 1, { senderId: me.id, body: `see ${full.url}`, previews: [full] });
    useMessagesStore.getState().setWindow(message.roomId, [message], { hasOlder: false, hasNewer: false });
    bridge.handle('messages:preview:remove', () => ({ message: { ...message, previews: [] } }));
    render(<LinkPreviews message={message} own />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove preview of A post worth reading' }));
    expect(bridge.callsOf('messages:preview:remove')).toEqual([{ messageId: message.id, url: full.url }]);
    expect(useMessagesStore.getState().timelines[message.roomId]!.messages[0]!.previews).toEqual([]);
  });

  it('others get no remove button; a message without previews renders nothing', () => {
    const message = makeMessage(uuid(), 1, { previews: [full] });
    const { container, rerender } = render(<LinkPreviews message={message} own={false} />);
    expect(screen.getByRole('link', { name: 'A post worth reading' })).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    rerender(<LinkPreviews message={{ ...message, previews: [] }} own />);
    expect(container).toBeEmptyDOMElement();
  });

  it('says when removing failed', async () => {
    const message = makeMessage(uuid(), 1, { senderId: me.id, previews: [full] });
    bridge.handle('messages:preview:remove', () => {
      throw new FakeFailure('forbidden', 'Only the sender can remove a preview.');
    });
    render(
      <>
        <LinkPreviews message={message} own />
        <Notices />
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remove preview of A post worth reading' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not remove the link preview');
  });
});
