/** A URL list from a file or standard input ("-"), as `download` and `sweep --urls` read it. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeFsError, fsErrorCode } from '../engine/fs-error-words.js';
import { CliUsageError } from './cli-io.js';

/** The list's text and what to call it in the run's history. */
export async function readUrlList(list: string): Promise<{ text: string; sourceName: string }> {
  if (list === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { text: Buffer.concat(chunks).toString('utf8'), sourceName: 'standard input' };
  }
  const path = resolve(list);
  try {
    return { text: await readFile(path, 'utf8'), sourceName: path };
  } catch (error) {
    const why = fsErrorCode(error) === 'ENOENT' ? 'there is no such file' : describeFsError(error);
    throw new CliUsageError(`${list}: the URL list could not be read (${why})`);
  }
}
