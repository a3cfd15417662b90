import { call } from '../bridge/call';
import { errorMessage } from '../bridge/bridge-error';
import { useUploadsStore } from '../stores/uploads';

const isImage = (mime: string): boolean => /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i.test(mime);

/** Uploads a file for the room's composer; progress arrives as `upload:progress` events. */
async function startUpload(roomId: string, file: File): Promise<void> {
  const uploadId = crypto.randomUUID();
  const mime = file.type || 'application/octet-stream';
  const name = file.name || (isImage(mime) ? `pasted-image.${mime.split('/')[1]}` : 'file');
  useUploadsStore.getState().add({
    uploadId,
    roomId,
    name,
    mime,
    size: file.size,
    loaded: 0,
    status: 'uploading',
    attachment: null,
    error: null,
    previewUrl: isImage(mime) ? URL.createObjectURL(file) : null,
  });
  try {
    const data = new Uint8Array(await file.arrayBuffer());
    const { attachment } = await call('uploads:start', { uploadId, name, mime, data });
    useUploadsStore.getState().finish(uploadId, attachment);
  } catch (error) {
    useUploadsStore.getState().fail(uploadId, errorMessage(error));
  }
}

export function startUploads(roomId: string, files: Iterable<File>): void {
  for (const file of files) void startUpload(roomId, file);
}
