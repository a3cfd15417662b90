export * from './errors';
export * from './limits';
export * from './entities';
export * from './http';
export * from './client-events';
export * from './server-events';
export * from './socket-io';
