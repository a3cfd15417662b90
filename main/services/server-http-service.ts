import { API_PATHS, SignedLinkResponseSchema, UploadResponseSchema, UsersResponseSchema, type Attachment, type User } from '../../common/protocol';
import type { DesktopEvent } from '../../common/ipc';
import { DesktopError, errorInfo, SIGNED_OUT_ERROR } from './errors';
import { requestJson, serverUrlFor } from './http-client';
import type { SessionService } from './session-service';

const unexpected = (): DesktopError => new DesktopError(errorInfo('internal', 'The server sent an unexpected answer.'));

/** The HTTP side of the server API that the renderer reaches through main: uploads, file links, user search. */
export class ServerHttpService {
  constructor(
    private readonly session: Pick<SessionService, 'current'>,
    private readonly emit: (event: DesktopEvent) => void,
  ) {}

  async upload(input: { uploadId: string; name: string; mime: string; data: Uint8Array }): Promise<{ attachment: Attachment }> {
    const target = this.requireSession();
    const total = input.data.byteLength;
    this.emit({ type: 'upload:progress', payload: { uploadId: input.uploadId, loaded: 0, total } });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(input.data)], { type: input.mime || 'application/octet-stream' }), input.name);
    const parsed = UploadResponseSchema.safeParse(await requestJson(target.url, API_PATHS.uploads, { method: 'POST', token: target.token, body: form }));
    if (!parsed.success) throw unexpected();
    this.emit({ type: 'upload:progress', payload: { uploadId: input.uploadId, loaded: total, total } });
    return parsed.data;
  }

  /** An absolute, short-lived URL an <img> in the renderer can load without the token. */
  async fileLink(attachmentId: string): Promise<{ url: string }> {
    const target = this.requireSession();
    const parsed = SignedLinkResponseSchema.safeParse(
      await requestJson(target.url, `${API_PATHS.files}/${encodeURIComponent(attachmentId)}/link`, { method: 'GET', token: target.token }),
    );
    if (!parsed.success) throw unexpected();
    return { url: serverUrlFor(target.url, parsed.data.url) };
  }

  async searchUsers(query: string): Promise<{ users: User[] }> {
    const target = this.requireSession();
    const parsed = UsersResponseSchema.safeParse(
      await requestJson(target.url, `${API_PATHS.users}?query=${encodeURIComponent(query)}`, { method: 'GET', token: target.token }),
    );
    if (!parsed.success) throw unexpected();
    return parsed.data;
  }

  private requireSession(): { url: string; token: string } {
    const target = this.session.current();
    if (!target) throw new DesktopError(SIGNED_OUT_ERROR);
    return target;
  }
}
