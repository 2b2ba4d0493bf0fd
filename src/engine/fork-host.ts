/**
 * WorkerHost on Node's child_process.fork: used by the CLI, the web shell and the tests.
 * (The Electron shell uses utilityProcess instead: src/main/utility-host.ts.)
 */
import { fork } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerHost, WorkerHostFactory } from './worker-host.js';

/**
 * The worker entry beside this build: the one-file bundle (starts sooner) while it is newer than
 * the compiled entry, else the compiled .js, or .ts when running from source under tsx.
 */
function workerEntry(): { path: string; execArgv: string[] } {
  const js = fileURLToPath(new URL('../worker/worker-main.js', import.meta.url));
  const bundle = fileURLToPath(new URL('../worker/worker-bundle.js', import.meta.url));
  if (existsSync(js)) {
    const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(js).mtimeMs;
    return { path: fresh ? bundle : js, execArgv: [] };
  }
  const ts = fileURLToPath(new URL('../worker/worker-main.ts', import.meta.url));
  return { path: ts, execArgv: ['--import', 'tsx'] };
}

/** Starts workers with child_process.fork. */
export const forkHostFactory: WorkerHostFactory = ({ workerId, threads, env }) => {
  const entry = workerEntry();
  const child = fork(entry.path, [`--photobatch-worker=${workerId}`], {
    execArgv: entry.execArgv,
    env: { ...process.env, UV_THREADPOOL_SIZE: String(Math.max(4, threads)), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const host: WorkerHost = {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (exited || !child.connected) return false;
      child.send(message);
      return true;
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      if (exited) listener(child.exitCode, child.signalCode);
      else child.once('exit', (code, signal) => listener(code, signal));
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
  };
  // A worker that cannot be spawned must not crash the engine; the pool sees it exit.
  child.on('error', () => {});
  return host;
};
