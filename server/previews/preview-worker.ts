import pLimit from 'p-limit';
import type { LinkPreview, Message } from '../../common/protocol';
import type { Logger } from '../logger';
import type { Database } from '../storage/database';
import { AllowList } from './address-policy';
import { extractLinks, mayHoldLinks } from './extract-links';
import { fetchLinkPreview } from './fetch-preview';
import { applyPreviews } from './message-previews';
import { findCachedPreview, storePreview, toLinkPreview, type CachedPreview } from './preview-cache';
import type { LinkPreviewsConfig } from './previews-config';
import { SafeFetcher } from './safe-fetch';

/** Pages fetched at once by this node. */
const FETCH_CONCURRENCY = 4;
/** Messages waiting for previews beyond which new ones get none (the chat never waits for previews). */
const MAX_PENDING_MESSAGES = 1_000;

export interface LinkPreviewWorkerOptions {
  config: LinkPreviewsConfig;
  db: Database;
  logger: Logger;
  /** Pushes a message whose previews changed (`message:updated` to its room). */
  publish: (message: Message) => void;
  /** Per preview (page, redirects and image); default PREVIEW_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * Makes the previews of messages after they were committed: `queue` returns at once, the links
 * are fetched in the background (a few at a time, each URL once however many messages name it,
 * cached in the database), and every change of a message's previews is stored and published.
 */
export class LinkPreviewWorker {
  private readonly fetcher: SafeFetcher;
  private readonly limit = pLimit(FETCH_CONCURRENCY);
  private readonly fetching = new Map<string, Promise<CachedPreview>>();
  private readonly jobs = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: LinkPreviewWorkerOptions) {
    this.fetcher = new SafeFetcher(new AllowList(options.config.allow));
  }

  /** After a send or an edit was committed (and acknowledged): previews the body's links. */
  queue(message: Message): void {
    if (!this.options.config.enabled || this.stopping.signal.aborted || message.deletedAt !== null) return;
    // An edit that removed every link must still drop the old previews.
    if (!mayHoldLinks(message.body) && (message.previews ?? []).length === 0) return;
    if (this.jobs.size >= MAX_PENDING_MESSAGES) {
      this.options.logger.warn({ messageId: message.id }, 'too many messages waiting for link previews; this one gets none');
      return;
    }
    const job = this.run(message).catch((error: unknown) => {
      if (!this.stopping.signal.aborted) this.options.logger.warn({ err: error, messageId: message.id }, 'link previews failed');
    });
    this.jobs.add(job);
    void job.finally(() => this.jobs.delete(job));
  }

  private async run(message: Message): Promise<void> {
    const links = extractLinks(message.body);
    const existing = new Map((message.previews ?? []).map((preview) => [preview.url, preview]));
    // Until a link's fetch is done its old preview (an edit keeping the link) stays.
    const slots: Array<LinkPreview | null | undefined> = links.map((url) => existing.get(url));
    let writes = Promise.resolve();
    const write = () => {
      writes = writes.then(async () => {
        const changed = await applyPreviews(
          this.options.db,
          message.id,
          message.body,
          slots.filter((slot): slot is LinkPreview => !!slot),
        );
        if (changed) this.options.publish(changed);
      });
      return writes;
    };
    await Promise.all(
      links.map(async (url, i) => {
        slots[i] = toLinkPreview(await this.previewFor(url));
        // Each ready preview is shown at once rather than after the slowest link.
        if (slots[i]) await write();
      }),
    );
    await write();
  }

  /** The cached preview of a URL, or one fetched now (once, however many messages ask meanwhile). */
  private previewFor(url: string): Promise<CachedPreview> {
    let pending = this.fetching.get(url);
    if (!pending) {
      pending = this.lookUpOrFetch(url);
      this.fetching.set(url, pending);
      const forget = () => this.fetching.delete(url);
      pending.then(forget, forget);
    }
    return pending;
  }

  private async lookUpOrFetch(url: string): Promise<CachedPreview> {
    const cached = await findCachedPreview(this.options.db, url);
    if (cached) return cached;
    const fetched = await this.limit(() =>
      fetchLinkPreview(this.fetcher, url, { signal: this.stopping.signal, timeoutMs: this.options.timeoutMs, logger: this.options.logger }),
    ).catch((error: unknown) => {
      this.options.logger.debug({ err: error, url }, 'link preview not fetched');
      return null;
    });
    // A fetch cut short by the shutdown says nothing about the link: nothing is cached.
    if (this.stopping.signal.aborted) throw new Error('the server is shutting down');
    return storePreview(this.options.db, url, fetched);
  }

  /** Stops fetching (running fetches are aborted) and waits for the jobs to end, before the storage closes. */
  async close(): Promise<void> {
    this.stopping.abort();
    while (this.jobs.size > 0) await Promise.allSettled([...this.jobs]);
    await this.fetcher.close();
  }
}
