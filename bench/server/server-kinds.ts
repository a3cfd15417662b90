/** The servers the benchmark measures, and which wire each one speaks. */
export type ServerKind = 'reference' | 'ws' | 'droplink';

export const SERVER_TARGETS = ['reference', 'ws', 'droplink-pglite', 'droplink-postgres'] as const;
export type ServerTarget = (typeof SERVER_TARGETS)[number];

export const SERVER_LABELS: Record<ServerTarget, string> = {
  reference: 'reference (original guide, Socket.IO)',
  ws: 'raw ws fan-out',
  'droplink-pglite': 'Droplink on PGlite',
  'droplink-postgres': 'Droplink on PostgreSQL',
};

export const kindOf = (target: ServerTarget): ServerKind => (target === 'reference' || target === 'ws' ? target : 'droplink');
