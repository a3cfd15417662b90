import { getRawHeader } from '@electron/asar';

/** One file of an app.asar: its size and whether electron-builder put it in app.asar.unpacked. */
export interface AsarFile {
  size: number;
  unpacked: boolean;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  link?: string;
  size?: number;
  unpacked?: boolean;
}

/** Every file of the archive by its path inside it ("out/main/index.js", no leading slash). */
export function indexAsar(archive: string): Map<string, AsarFile> {
  const files = new Map<string, AsarFile>();
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const at = prefix === '' ? name : `${prefix}/${name}`;
      if (child.files) walk(child, at);
      else if (child.link === undefined) files.set(at, { size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(getRawHeader(archive).header, '');
  return files;
}
