// The process scaffolding shared by the node peers: a list of files split statically over N
// forked children (every Nth file; no per-image IPC), K images in flight in each process.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * Parses the common options plus `extra`, and either forks the children (in the parent) or runs
 * `processOne(file, values)` over this process's share (in a child, or with --processes=1).
 * `setup(values)` runs once in every process that does image work.
 */
export async function splitWork(script, extra, setup, processOne) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      blur: { type: 'string' },
      fit: { type: 'string' },
      processes: { type: 'string', default: '1' },
      'in-flight': { type: 'string', default: '1' },
      list: { type: 'string' },
      slice: { type: 'string' },
      ...extra,
    },
  });
  const files = values.list
    ? readFileSync(values.list, 'utf8').split('\n').filter(Boolean)
    : positionals;
  const processes = Number(values.processes);
  if (processes > 1 && values.slice === undefined) {
    const children = Array.from({ length: processes }, (_, i) =>
      fork(script, [...process.argv.slice(2), `--slice=${i}/${processes}`], { stdio: 'inherit' }),
    );
    const codes = await Promise.all(children.map((c) => new Promise((r) => c.on('exit', r))));
    process.exitCode = codes.every((c) => c === 0) ? 0 : 1;
    return;
  }
  await setup(values);
  const [index, count] = (values.slice ?? '0/1').split('/').map(Number);
  const mine = files.filter((_, i) => i % count === index);
  let next = 0;
  const lane = async () => {
    while (next < mine.length) await processOne(mine[next++], values);
  };
  await Promise.all(Array.from({ length: Number(values['in-flight']) }, lane));
}

/** "WxH" → [W, H], or [null, null]. */
export function parseFit(text) {
  return text ? text.split('x').map(Number) : [null, null];
}
