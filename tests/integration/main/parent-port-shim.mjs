// Preloaded into a worker started by the fake utilityProcess: makes it look like an Electron
// utility process to the worker entry, which must then talk over `process.parentPort`.
import { EventEmitter } from 'node:events';

const send = process.send.bind(process);
const port = new EventEmitter();
// Electron's parentPort.postMessage / 'message' with a MessageEvent-like `{ data, ports }`.
port.postMessage = (message) => send(message);
process.on('message', (data) => port.emit('message', { data, ports: [] }));
// Electron ends utility processes with their parent.
process.on('disconnect', () => process.exit(0));
// A utility process has no process.send: hide it, so only the parentPort path can work.
process.send = undefined;
process.parentPort = port;
