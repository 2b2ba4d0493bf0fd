/**
 * `download --process`: each saved file goes to the worker pool the moment it is on disk, so the
 * network and the CPUs work at the same time. Outputs are planned by the same planner as a
 * process run, with the download folder as the one input and `<folder>/processed` as output.
 */
import { basename, join, relative } from 'node:path';
import type { ProcessSettings } from '../../shared/settings.js';
import type { ItemUpdate } from '../../db/store-types.js';
import { createOutputPlanner } from '../plan-outputs.js';
import type { OutputPlanner } from '../plan-outputs.js';
import type { ReadableFormat } from '../sniff-image.js';
import type { WorkerHostFactory } from '../worker-host.js';
import { CancelledError, WorkerPool } from '../worker-pool.js';
import { outcomeUpdate, pipelineOptionsOf } from '../task-outcome.js';

/** Where processed files of a download run go, inside its download folder. */
export const PROCESSED_SUBFOLDER = 'processed';

/** What the stage needs from the run. */
export interface ProcessStageOptions {
  downloadDir: string;
  settings: ProcessSettings;
  runId: number;
  hostFactory: WorkerHostFactory;
  clock: () => number;
}

/** One saved file to process. */
export interface SavedFile {
  itemId: number;
  path: string;
  format: ReadableFormat;
  bytes: number;
}

/** The worker pool plus output planning for one download run. */
export class ProcessStage {
  readonly pool: WorkerPool;
  readonly outDir: string;
  /** Temp outputs of tasks in flight, removed if the run is cancelled. */
  readonly temps = new Map<number, string>();

  private constructor(
    private readonly options: ProcessStageOptions,
    private readonly planner: OutputPlanner,
  ) {
    this.outDir = join(options.downloadDir, PROCESSED_SUBFOLDER);
    this.pool = new WorkerPool({
      size: options.settings.workers,
      threads: options.settings.threads,
      hostFactory: options.hostFactory,
      taskTimeoutMs: options.settings.timeoutMs,
      clock: options.clock,
    });
  }

  /** Plans into `<downloadDir>/processed` and starts the pool. */
  static async create(options: ProcessStageOptions): Promise<ProcessStage> {
    const planner = await createOutputPlanner({
      inputs: [options.downloadDir],
      outDir: join(options.downloadDir, PROCESSED_SUBFOLDER),
      format: options.settings.format,
      existing: options.settings.existing,
      runId: options.runId,
    });
    return new ProcessStage(options, planner);
  }

  /**
   * Processes one saved file. Resolves with the item's final fields (status ok or failed), or
   * null when the run was cancelled first. `onStart` fires when a worker picks it up.
   */
  async process(
    file: SavedFile,
    onStart: (workerId: number, startMs: number) => void,
  ): Promise<ItemUpdate | null> {
    const { settings } = this.options;
    const plan = await this.planner.plan(
      {
        source: file.path,
        root: this.options.downloadDir,
        relativePath: relative(this.options.downloadDir, file.path),
        size: file.bytes,
        verdict: 'image',
        format: file.format,
      },
      file.itemId,
    );
    // The planner names the saved file (`downloads/a.jpg: …`), which the URL alone would not tell.
    if ('fail' in plan)
      return { id: file.itemId, status: 'failed', error: `saved, but not processed: ${plan.fail}` };
    if ('skip' in plan)
      return {
        id: file.itemId,
        status: 'skipped',
        error: `saved, but not processed: ${plan.skip}`,
      };
    this.temps.set(file.itemId, plan.temp);
    try {
      const outcome = await this.pool.submit(
        {
          source: file.path,
          output: plan.output,
          temp: plan.temp,
          outputFormat: plan.outputFormat,
          options: pipelineOptionsOf(settings),
        },
        onStart,
      );
      this.temps.delete(file.itemId);
      return {
        ...outcomeUpdate(file.itemId, outcome, (error) => `saved as ${basename(file.path)}, but processing failed: ${error}`),
        ...(outcome.ok ? { output: plan.output } : {}),
      };
    } catch (error) {
      if (error instanceof CancelledError) return null;
      throw error;
    }
  }
}

