/** Starts tests/bench/latency-server.ts in its own process, so it never shares our event loop. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT } from '../bench-data.js';

/** Every answer waits this long. */
export const LATENCY_MS = 250;

/** A running latency server. */
export interface Server {
  origin: string;
  maxInFlight(): Promise<number>;
  stop(): void;
}

/** Serves `small` at /small/… and the photos of `photosDir` at /photo/<i>/…. */
export async function startServer(small: string, photosDir: string): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(PROJECT, 'tests', 'bench', 'latency-server.ts'),
      String(LATENCY_MS),
      small,
      photosDir,
    ],
    // Its stdin is our pipe: when this process dies, the server sees end-of-file and leaves too.
    { cwd: PROJECT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`latency server exited with ${code}`)));
  });
  const { origin } = JSON.parse(line) as { origin: string };
  return {
    origin,
    async maxInFlight() {
      const res = await fetch(`${origin}/stats?reset`);
      return ((await res.json()) as { maxInFlight: number }).maxInFlight;
    },
    stop: () => child.kill('SIGTERM'),
  };
}
