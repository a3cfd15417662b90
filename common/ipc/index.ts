export * from './contract';
export * from './settings';
export * from './state';
export * from './server-url';
export * from './server-url-rules';
