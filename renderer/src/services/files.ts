import { call } from '../bridge/call';
import { reportFailure } from './report-failure';

const links = new Map<string, Promise<string>>();

/** A URL an <img> or a download link can use for this attachment, asked of main once. */
export function fileLink(attachmentId: string): Promise<string> {
  let link = links.get(attachmentId);
  if (!link) {
    link = call('files:link', { attachmentId }).then((r) => r.url);
    link.catch(() => links.delete(attachmentId));
    links.set(attachmentId, link);
  }
  return link;
}

export function openExternal(url: string): void {
  call('shell:open-external', { url }).catch(reportFailure('open the link'));
}
