/**
 * The worker process entry: one image at a time, as the parent asks. Runs unchanged under
 * Electron's utilityProcess and Node's child_process.fork.
 */
import { connectToParent } from './parent-port.js';
import { serveImageTasks } from './serve-image-tasks.js';

serveImageTasks(connectToParent());
