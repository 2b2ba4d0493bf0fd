// Where a process run's work is done: this computer, or a queue (a Redis URL) that other
// machines' `photobatch worker`s serve. While a queue is chosen, the engine is asked (after a
// pause in typing) which workers are connected now (`queue:workers`), or what is wrong.
import { useEffect, useState } from 'react';
import type { PhotobatchClient, QueueWorkers } from '../../../../shared/contract.js';
import { PROCESS_LIMITS } from '../../../../shared/settings-limits.js';
import { errorMessage } from '../../common/errors.js';

/** Typing a URL should not ask once per key. */
const PAUSE_MS = 500;

/** The fields as typed. */
export interface RunOnValues {
  where: 'here' | 'queue';
  url: string;
  localWorkers: string;
}

/** What the queue said, for the chosen URL. */
export type QueueAnswer =
  | { state: 'idle' }
  | { state: 'asking' }
  | { state: 'answered'; value: QueueWorkers }
  | { state: 'failed'; message: string };

/** The choice, the queue's answer, and what `process:start` gets (or why it cannot start). */
export interface RunOn {
  values: RunOnValues;
  setValues: (values: RunOnValues) => void;
  answer: QueueAnswer;
  askAgain: () => void;
  /** `process:start`'s `queue`: null for this computer; a string says what to fix first. */
  read: { url: string; localWorkers: number } | null | string;
}

/** Reads the fields: a queue needs a URL and a whole number of local workers. */
export function readRunOn(v: RunOnValues): RunOn['read'] {
  if (v.where === 'here') return null;
  const url = v.url.trim();
  if (url === '') return 'Type the queue’s Redis URL (redis://host:port), or run on this computer.';
  const n = v.localWorkers.trim() === '' ? 0 : Number(v.localWorkers);
  const { max } = PROCESS_LIMITS.workers;
  if (!Number.isInteger(n) || n < 0 || n > max)
    return `Workers of this computer on the queue: a whole number from 0 to ${max}.`;
  return { url, localWorkers: n };
}

export function useRunOn(client: PhotobatchClient): RunOn {
  const [values, setValues] = useState<RunOnValues>({ where: 'here', url: '', localWorkers: '0' });
  const [answered, setAnswered] = useState<{ key: string; answer: QueueAnswer } | null>(null);
  const [asked, setAsked] = useState(0);
  const url = values.where === 'queue' ? values.url.trim() : '';
  const key = url === '' ? null : `${asked}:${url}`;
  useEffect(() => {
    if (key === null) return;
    let stale = false;
    const timer = setTimeout(() => {
      client.invoke('queue:workers', { url }).then(
        (value) => {
          if (!stale) setAnswered({ key, answer: { state: 'answered', value } });
        },
        (e: unknown) => {
          if (!stale) setAnswered({ key, answer: { state: 'failed', message: errorMessage(e) } });
        },
      );
    }, PAUSE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [client, url, key]);
  const answer: QueueAnswer =
    key === null
      ? { state: 'idle' }
      : answered?.key === key
        ? answered.answer
        : { state: 'asking' };
  return {
    values,
    setValues,
    answer,
    askAgain: () => setAsked((n) => n + 1),
    read: readRunOn(values),
  };
}
