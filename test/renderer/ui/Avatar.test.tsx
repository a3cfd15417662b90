import { fireEvent, render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Avatar } from '../../../renderer/src/ui/Avatar';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../support/fake-bridge';
import { uuid } from '../support/factories';
import { resetStores } from '../support/stores';

let bridge: FakeBridge;
beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});

describe('Avatar', () => {
  it('shows initials while there is no picture, without asking main for anything', () => {
    const { container } = render(<Avatar id={uuid()} name="Ada Lovelace" />);
    expect(container.querySelector('.avatar')).toHaveTextContent('AL');
    expect(container.querySelector('img')).toBeNull();
    expect(bridge.calls).toEqual([]);
  });

  it("shows the picture through main's link, and falls back to the initials when it cannot be loaded", async () => {
    const id = uuid();
    const path = `/api/users/${id}/avatar?v=3`;
    bridge.handle('images:link', () => ({ url: `app://droplink/attachments/avatars/${id}/3` }));
    const { container } = render(<Avatar id={id} name="Ada Lovelace" imageUrl={path} />);
    await expect.poll(() => container.querySelector('img')?.getAttribute('src')).toBe(`app://droplink/attachments/avatars/${id}/3`);
    expect(bridge.callsOf('images:link')).toEqual([{ path }]);
    fireEvent.error(container.querySelector('img')!);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.avatar')).toHaveTextContent('AL');
  });

  it('keeps the initials when main refuses the path', async () => {
    const id = uuid();
    bridge.handle('images:link', () => {
      throw new FakeFailure('invalid_input', 'Not an avatar or preview image path.');
    });
    const { container } = render(<Avatar id={id} name="Grace Hopper" imageUrl={`/api/users/${id}/avatar?v=9`} />);
    await expect.poll(() => bridge.callsOf('images:link').length).toBe(1);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.avatar')).toHaveTextContent('GH');
  });
});
