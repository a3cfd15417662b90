// Loaded with `node --import` before a utility-process entry: gives it the `process.parentPort`
// Electron's utilityProcess provides, carried over the IPC channel of child_process.fork().
import { EventEmitter } from 'node:events';

const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send?.(message);
process.on('message', (data) => parentPort.emit('message', { data, ports: [] }));
process.parentPort = parentPort;
