import { afterEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { resourcesDir } = await import('../../../main/electron/resources-dir');

describe('resourcesDir', () => {
  const original = (process as { resourcesPath?: string }).resourcesPath;
  afterEach(() => void Object.assign(process, { resourcesPath: original }));

  it("is the repo's resources/ in development", () => {
    electron.reset({ isPackaged: false, appPath: '/work/droplink' });
    expect(resourcesDir()).toBe('/work/droplink/resources');
  });

  it('is the extraResources copy next to app.asar when packaged', () => {
    electron.reset({ isPackaged: true, appPath: '/opt/Droplink/resources/app.asar' });
    Object.assign(process, { resourcesPath: '/opt/Droplink/resources' });
    expect(resourcesDir()).toBe('/opt/Droplink/resources/resources');
  });
});
