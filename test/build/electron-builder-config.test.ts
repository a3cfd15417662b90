import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME, PROTOCOL_SCHEME } from '../../main/app-identity';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

interface PlatformConfig {
  target: string[];
  icon: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  protocols: unknown;
  files: string[];
  linux: PlatformConfig;
  win: PlatformConfig;
  mac: PlatformConfig;
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const schemaFile = path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('uses the ids main uses (Windows notifications need appId = AppUserModelId)', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: [PROTOCOL_SCHEME] })]);
  });

  it('packages the build output for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg)', () => {
    expect(config.files).toContain('out/**');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('points at icons that exist, including the tray icons main loads', () => {
    for (const platform of ['linux', 'win', 'mac'] as const) expect(existsSync(path.join(root, config[platform].icon))).toBe(true);
    for (const name of ['tray.png', 'trayUnread.png', 'trayTemplate.png', 'trayTemplate@2x.png', 'trayUnreadTemplate.png', 'trayUnreadTemplate@2x.png']) {
      expect(existsSync(path.join(root, 'resources', name)), name).toBe(true);
    }
    const png = readFileSync(path.join(root, 'resources/icon.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
