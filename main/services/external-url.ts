/**
 * Only plain web links and e-mail addresses (mailto:, the mail app) leave the app; file:,
 * javascript:, custom schemes and credentials in URLs never do.
 */
export function safeExternalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'mailto:') return parsed.toString();
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.toString();
}
