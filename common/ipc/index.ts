export * from './contract';
export * from './settings';
export * from './state';
