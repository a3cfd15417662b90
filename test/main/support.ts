import type { Logger } from '../../main/ports';

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
