import path from 'node:path';
import { app } from 'electron';

/** resources/ of the repo in development, the packaged copy (electron-builder extraResources) otherwise. */
export const resourcesDir = (): string => (app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources'));
