import { create } from 'zustand';
import type { Attachment } from '../shared/contract';
import { createRoomGrouper } from './group-by-room';

export interface Upload {
  uploadId: string;
  roomId: string;
  name: string;
  mime: string;
  size: number;
  loaded: number;
  status: 'uploading' | 'done' | 'failed';
  attachment: Attachment | null;
  error: string | null;
  /** A blob: URL to preview a pasted or dropped image before it is sent. */
  previewUrl: string | null;
}

interface UploadsStore {
  /** Uploads attached to the composer of each room, not sent yet. */
  byId: Record<string, Upload>;
  add: (upload: Upload) => void;
  progress: (uploadId: string, loaded: number, total: number) => void;
  finish: (uploadId: string, attachment: Attachment) => void;
  fail: (uploadId: string, error: string) => void;
  remove: (uploadId: string) => void;
}

function patch(s: UploadsStore, uploadId: string, change: Partial<Upload>): Partial<UploadsStore> | UploadsStore {
  const upload = s.byId[uploadId];
  if (!upload) return s;
  return { byId: { ...s.byId, [uploadId]: { ...upload, ...change } } };
}

export const useUploadsStore = create<UploadsStore>()((set) => ({
  byId: {},
  add: (upload) => set((s) => ({ byId: { ...s.byId, [upload.uploadId]: upload } })),
  progress: (uploadId, loaded, total) =>
    set((s) => (s.byId[uploadId]?.status === 'uploading' ? patch(s, uploadId, { loaded, size: total || s.byId[uploadId].size }) : s)),
  finish: (uploadId, attachment) => set((s) => patch(s, uploadId, { status: 'done', attachment, loaded: attachment.size })),
  fail: (uploadId, error) => set((s) => patch(s, uploadId, { status: 'failed', error })),
  remove: (uploadId) =>
    set((s) => {
      const { [uploadId]: gone, ...byId } = s.byId;
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return { byId };
    }),
}));

const groupUploads = createRoomGrouper<Upload>();

export const selectRoomUploads =
  (roomId: string) =>
  (s: UploadsStore): Upload[] =>
    groupUploads(s.byId, () => Object.values(s.byId), roomId);
