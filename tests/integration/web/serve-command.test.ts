// `photobatch serve` as a user runs it: a real process prints its URL, serves with the token,
// refuses without it, and stops cleanly on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/real-photos.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_MAIN = path.join(ROOT, 'src/cli/main.ts');

function startServe(
  args: string[],
  dbPath: string,
): { child: ChildProcess; stdout: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(CLI_MAIN)}); process.exitCode = await main(${JSON.stringify(['serve', ...args])});`,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PHOTOBATCH_DB: dbPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const stdout = new Promise<string>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out);
    });
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout, exit };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test('serve prints its URL, serves with the token, refuses without it, and stops on SIGTERM', async () => {
  const dir = await tempDir('photobatch-serve-');
  const port = await freePort();
  const { child, stdout, exit } = startServe(
    ['--port', String(port)],
    path.join(dir, 'photobatch.db'),
  );
  const line = await Promise.race([stdout, exit.then((code) => `exited with ${code}`)]);
  const url = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(line);
  assert.ok(url, `no URL in: ${line}`);
  assert.equal(Number(url[1]), port);

  const refused = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
  assert.equal(refused.status, 403);
  const first = await fetch(url[0], { redirect: 'manual' });
  assert.equal(first.status, 303);
  assert.match(first.headers.get('set-cookie') ?? '', /HttpOnly/);

  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});

test('serve refuses a bad --port with exit status 2', async () => {
  const dir = await tempDir('photobatch-serve-');
  const { exit } = startServe(['--port', 'eighty'], path.join(dir, 'photobatch.db'));
  assert.equal(await exit, 2);
});
