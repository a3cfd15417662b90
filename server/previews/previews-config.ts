import { z } from 'zod';
import { parseAllowEntry } from './address-policy';

export interface LinkPreviewsConfig {
  /** `LINK_PREVIEWS=off`: no link is ever fetched and messages keep `previews: []`. */
  enabled: boolean;
  /** `LINK_PREVIEW_ALLOW`: `host:port` entries and CIDRs previews may reach although they are not public. */
  allow: readonly string[];
}

/** The environment variables of link previews; spread into the server's env schema. */
export const LINK_PREVIEWS_ENV = {
  LINK_PREVIEWS: z
    .string()
    .toLowerCase()
    .pipe(z.enum(['on', 'off'], { error: 'must be "on" or "off"' }))
    .default('on'),
  LINK_PREVIEW_ALLOW: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine(
      (entries) => entries.every((entry) => parseAllowEntry(entry) !== null),
      'must be a comma-separated list of host:port or CIDR (e.g. wiki.internal:443,10.1.0.0/16)',
    )
    .optional(),
};

type LinkPreviewsEnv = z.output<z.ZodObject<typeof LINK_PREVIEWS_ENV>>;

export function linkPreviewsConfig(env: LinkPreviewsEnv): LinkPreviewsConfig {
  return { enabled: env.LINK_PREVIEWS === 'on', allow: env.LINK_PREVIEW_ALLOW ?? [] };
}
