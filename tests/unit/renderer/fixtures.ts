// Plain records for the renderer's logic tests: what the engine stores, built by hand.
import type { ItemRecord, RunRecord } from '../../../src/shared/records.js';
import { DEFAULT_DOWNLOAD_SETTINGS, defaultProcessSettings } from '../../../src/shared/settings.js';

export function runRecord(over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 1,
    kind: 'process',
    status: 'completed',
    label: null,
    startedAt: '2025-01-02T10:00:00.000Z',
    finishedAt: '2025-01-02T10:00:10.000Z',
    inputs: ['/photos/Trip'],
    outDir: '/photos/Trip-photobatch',
    settings: { process: defaultProcessSettings(4), download: null },
    workers: 4,
    threads: 1,
    pipeline: 'exact',
    machine: {
      cpuModel: 'cpu',
      cores: 4,
      memoryBytes: 8e9,
      os: 'linux',
      node: '20',
      sharp: '0.35',
      libvips: '8.17',
    },
    wallMs: 10_000,
    cpuMs: 36_000,
    peakRssEngineBytes: 100e6,
    peakRssWorkerBytes: 200e6,
    peakRssTotalBytes: 900e6,
    total: 100,
    ok: 100,
    failed: 0,
    skipped: 0,
    bytesIn: 0,
    bytesOut: 0,
    resumedFrom: null,
    error: null,
    sweepId: null,
    estimate: null,
    ...over,
  };
}

export function downloadRun(over: Partial<RunRecord> = {}): RunRecord {
  return runRecord({
    kind: 'download',
    inputs: ['urls.txt'],
    settings: { process: null, download: DEFAULT_DOWNLOAD_SETTINGS },
    ...over,
  });
}

let nextSeq = 1;
export function item(over: Partial<ItemRecord> = {}): ItemRecord {
  const seq = nextSeq++;
  return {
    runId: 1,
    seq,
    source: `/photos/Trip/${seq}.jpg`,
    output: null,
    status: 'ok',
    error: null,
    bytesIn: 1000,
    bytesOut: 500,
    widthIn: 4000,
    heightIn: 3000,
    widthOut: 1600,
    heightOut: 1200,
    workerId: 0,
    attempts: 1,
    queuedMs: 0,
    startMs: 0,
    endMs: 100,
    readMs: 10,
    opsMs: 80,
    encodeMs: 10,
    download: null,
    ...over,
  };
}
