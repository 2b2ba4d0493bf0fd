/**
 * The engine's `WorkerHost` on Electron's utilityProcess: each worker is a Chromium-launched
 * Node process (the only kind once the `runAsNode` fuse is off), named in the task manager, with
 * its libuv pool and malloc arenas sized at spawn. The worker entry is the same file the CLI forks.
 */
import { utilityProcess } from 'electron';
import type { WorkerHost, WorkerHostFactory, WorkerSpawnOptions } from '../engine/worker-host.js';

/**
 * The worker's environment: the app's, plus UV_THREADPOOL_SIZE (libuv runs sharp's file I/O and
 * async work; never below its default of 4), plus what the pool asks for (MALLOC_ARENA_MAX, so
 * glibc does not give every libvips thread its own arena).
 */
export function workerEnv(
  base: NodeJS.ProcessEnv,
  options: WorkerSpawnOptions,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  env.UV_THREADPOOL_SIZE = String(Math.max(4, options.threads));
  return { ...env, ...options.env };
}

/** A factory of utility-process workers running the bundled worker entry at `workerPath`. */
export function utilityHostFactory(workerPath: string): WorkerHostFactory {
  return (options) => {
    const child = utilityProcess.fork(workerPath, [`--photobatch-worker=${options.workerId}`], {
      serviceName: `Photobatch worker ${options.workerId + 1}`,
      env: workerEnv(process.env, options),
      stdio: 'inherit',
    });
    let exitCode: number | null = null;
    let exited = false;
    child.once('exit', (code) => {
      exited = true;
      exitCode = code;
    });
    const host: WorkerHost = {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (exited) return false;
        // Messages posted before the process has started are queued by Electron.
        child.postMessage(message);
        return true;
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        // utilityProcess reports an exit code only; a killed worker shows as a non-zero code.
        if (exited) listener(exitCode, null);
        else child.once('exit', (code) => listener(code, null));
      },
      kill() {
        if (exited) return;
        // The pool kills a hung or cancelled worker: SIGKILL, as child.kill() only sends SIGTERM.
        const pid = child.pid;
        if (pid === undefined) child.kill();
        else {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            child.kill();
          }
        }
      },
    };
    return host;
  };
}
