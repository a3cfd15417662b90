import { API_PATHS, MeResponseSchema, UploadResponseSchema, UsersResponseSchema, type Attachment, type User } from '../../common/protocol';
import type { DesktopEvent } from '../../common/ipc';
import { DesktopError, errorInfo, SIGNED_OUT_ERROR } from './errors';
import { requestJson } from './http-client';
import { progressStream } from './progress-stream';
import type { SessionService } from './session-service';

const unexpected = (): DesktopError => new DesktopError(errorInfo('internal', 'The server sent an unexpected answer.'));

/** The HTTP side of the server API that the renderer reaches through main: uploads, user search and the avatar. */
export class ServerHttpService {
  constructor(
    private readonly session: Pick<SessionService, 'current'>,
    private readonly emit: (event: DesktopEvent) => void,
  ) {}

  /** Streams the multipart body to the server, reporting progress as the bytes are taken. */
  async upload(input: { uploadId: string; name: string; mime: string; data: Uint8Array }): Promise<{ attachment: Attachment }> {
    const parsed = UploadResponseSchema.safeParse(await this.postFile(API_PATHS.uploads, input));
    if (!parsed.success) throw unexpected();
    return parsed.data;
  }

  /** Replaces the signed-in user's avatar; the server answers with the updated user. */
  async setAvatar(input: { uploadId: string; mime: string; data: Uint8Array }): Promise<{ user: User }> {
    const name = `avatar.${input.mime.split('/')[1] ?? 'img'}`;
    const parsed = MeResponseSchema.safeParse(await this.postFile(API_PATHS.myAvatar, { ...input, name }));
    if (!parsed.success) throw unexpected();
    return parsed.data;
  }

  async removeAvatar(): Promise<{ user: User }> {
    const target = this.requireSession();
    const parsed = MeResponseSchema.safeParse(await requestJson(target.url, API_PATHS.myAvatar, { method: 'DELETE', token: target.token }));
    if (!parsed.success) throw unexpected();
    return parsed.data;
  }

  private async postFile(pathname: string, input: { uploadId: string; name: string; mime: string; data: Uint8Array }): Promise<unknown> {
    const target = this.requireSession();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(input.data)], { type: input.mime || 'application/octet-stream' }), input.name);
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const report = (loaded: number): void => this.emit({ type: 'upload:progress', payload: { uploadId: input.uploadId, loaded, total: bytes.byteLength } });
    return requestJson(target.url, pathname, { method: 'POST', token: target.token, body: progressStream(bytes, report), contentType });
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
