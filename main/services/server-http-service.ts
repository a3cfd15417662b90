import { API_PATHS, UploadResponseSchema, UsersResponseSchema, type Attachment, type User } from '../../common/protocol';
import type { DesktopEvent } from '../../common/ipc';
import { DesktopError, errorInfo, SIGNED_OUT_ERROR } from './errors';
import { requestJson } from './http-client';
import { progressStream } from './progress-stream';
import type { SessionService } from './session-service';

const unexpected = (): DesktopError => new DesktopError(errorInfo('internal', 'The server sent an unexpected answer.'));

/** The HTTP side of the server API that the renderer reaches through main: uploads and user search. */
export class ServerHttpService {
  constructor(
    private readonly session: Pick<SessionService, 'current'>,
    private readonly emit: (event: DesktopEvent) => void,
  ) {}

  /** Streams the multipart body to the server, reporting progress as the bytes are taken. */
  async upload(input: { uploadId: string; name: string; mime: string; data: Uint8Array }): Promise<{ attachment: Attachment }> {
    const target = this.requireSession();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(input.data)], { type: input.mime || 'application/octet-stream' }), input.name);
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const report = (loaded: number): void => this.emit({ type: 'upload:progress', payload: { uploadId: input.uploadId, loaded, total: bytes.byteLength } });
    const parsed = UploadResponseSchema.safeParse(
      await requestJson(target.url, API_PATHS.uploads, {
        method: 'POST',
        token: target.token,
        body: progressStream(bytes, report),
        contentType,
      }),
    );
    if (!parsed.success) throw unexpected();
    return parsed.data;
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
