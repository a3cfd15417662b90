import { call } from '../bridge/call';

const links = new Map<string, Promise<string>>();

/**
 * A URL an <img> can load for a server image path (`User.avatarUrl`, `LinkPreview.imageUrl`),
 * asked of main once per path: main serves it through its proxy, as it does attachments.
 */
export function imageLink(serverPath: string): Promise<string> {
  let link = links.get(serverPath);
  if (!link) {
    link = call('images:link', { path: serverPath }).then((r) => r.url);
    link.catch(() => links.delete(serverPath));
    links.set(serverPath, link);
  }
  return link;
}
