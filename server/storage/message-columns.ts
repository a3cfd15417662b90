import { getTableColumns } from 'drizzle-orm';
import { messages } from './schema';

const { search: _search, ...columns } = getTableColumns(messages);

/** Every column of `messages` a client needs: all but the `search` tsvector, which is only for matching. */
export const messageColumns = columns;

export type StoredMessage = Omit<typeof messages.$inferSelect, 'search'>;
