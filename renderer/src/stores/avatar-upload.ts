import { create } from 'zustand';

/** The avatar being uploaded from the profile dialog, if any: how far it is. */
interface AvatarUploadStore {
  upload: { uploadId: string; loaded: number; total: number } | null;
  start: (uploadId: string, total: number) => void;
  progress: (uploadId: string, loaded: number, total: number) => void;
  finish: () => void;
}

export const useAvatarUploadStore = create<AvatarUploadStore>()((set) => ({
  upload: null,
  start: (uploadId, total) => set({ upload: { uploadId, loaded: 0, total } }),
  progress: (uploadId, loaded, total) => set((s) => (s.upload?.uploadId === uploadId ? { upload: { uploadId, loaded, total: total || s.upload.total } } : s)),
  finish: () => set({ upload: null }),
}));
