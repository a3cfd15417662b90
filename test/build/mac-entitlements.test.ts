import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const ENTITLEMENTS = 'resources/entitlements.mac.plist';
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { mac: Record<string, unknown> };

/** The <dict> of a property list as key -> element, e.g. { 'com.apple.security.cs.allow-jit': '<true/>' }; comments dropped. */
function plistDict(xml: string): Record<string, string> {
  const body = /<plist version="1\.0">\s*<dict>([\s\S]*)<\/dict>\s*<\/plist>\s*$/.exec(xml.replace(/<!--[\s\S]*?-->/g, ''));
  if (!body) throw new Error(`${ENTITLEMENTS} is not a property list with one top-level <dict>`);
  const tokens = [...(body[1] as string).matchAll(/<key>([^<]+)<\/key>|(<[^>]+>)/g)];
  const dict: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i += 2) {
    const [key, value] = [tokens[i]?.[1], tokens[i + 1]?.[2]];
    if (key === undefined || value === undefined) throw new Error(`${ENTITLEMENTS}: expected <key> then a value at entry ${i / 2}`);
    dict[key] = value;
  }
  return dict;
}

describe('macOS entitlements (hardened runtime)', () => {
  it('grant exactly allow-jit, for V8 and WebAssembly, and nothing that weakens code signing', () => {
    const xml = readFileSync(path.join(root, ENTITLEMENTS), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"')).toBe(true);
    expect(plistDict(xml)).toEqual({ 'com.apple.security.cs.allow-jit': '<true/>' });
  });

  it('are what electron-builder signs the app and every helper (utility process included) with, under the hardened runtime', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: ENTITLEMENTS, entitlementsInherit: ENTITLEMENTS });
  });
});
