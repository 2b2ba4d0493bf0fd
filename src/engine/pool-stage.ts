/**
 * The one place where a run's images meet its dispatcher, for every kind of run: plan the output,
 * submit the task, keep its temp name until it is done (removed by the lifecycle if the run
 * stops), and turn the outcome into the item's stored fields. A worker that finds a file is not
 * what its name said hands it back here: re-planned as what it is, or skipped/failed in words.
 */
import { rm } from 'node:fs/promises';
import type { ProcessSettings } from '../shared/settings.js';
import type { OutputClaim, PipelineOptions } from '../shared/worker-messages.js';
import type { ExistingMode } from '../shared/settings.js';
import type { ItemUpdate } from '../db/store-types.js';
import { isReadableFormat } from '../media/sniff-image.js';
import { verdictFromContent } from './classify-file.js';
import type { OutputPlan, OutputPlanner } from './plan-outputs.js';
import type { RunScope } from './run-lifecycle.js';
import { reasonWithoutName } from './scan-entry.js';
import type { ImageEntry } from './scan-entry.js';
import { CancelledError } from './task-dispatcher.js';
import type { TaskDispatcher, TaskOutcome } from './task-dispatcher.js';
import { outcomeUpdate, pipelineOptionsOf } from './task-outcome.js';

/** An output the planner gave: where the image goes and under which temp name first. */
export type PlannedOutput = Extract<OutputPlan, { output: string }>;

/** Words for an item's failure in its run's context (a download says the file was saved). */
export interface StageWording {
  failed(source: string, error: string): string;
  notProcessed(reason: string): string;
}

const PLAIN: StageWording = { failed: (_source, e) => e, notProcessed: (r) => r };

/** How each `--existing` mode holds its output's name when the image is done (worker-messages.ts). */
const CLAIMS: Readonly<Record<ExistingMode, OutputClaim>> = {
  overwrite: 'replace',
  skip: 'exclusive',
  rename: 'numbered',
};

/** Plans and dispatches a run's images; one per run. */
export class PoolStage {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly temps = new Map<number, string>();
  private readonly waiters: (() => void)[] = [];
  private nextTask = 0;
  private fault: unknown = null;
  /** The same for every task of the run: built once, not per image. */
  private readonly options: PipelineOptions;

  constructor(
    private readonly scope: RunScope,
    private readonly dispatcher: TaskDispatcher,
    private readonly planner: OutputPlanner,
    private readonly settings: ProcessSettings,
    private readonly wording: StageWording = PLAIN,
  ) {
    this.options = pipelineOptionsOf(settings);
    // Whatever way the run ends, no temp file of an unfinished task is left behind.
    scope.defer(() => Promise.all([...this.temps.values()].map((t) => rm(t, { force: true }))));
  }

  /** Tasks submitted and not yet ended. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Plans where `entry` goes (calls are answered in order, so clashes follow the scan). */
  plan(entry: ImageEntry): Promise<OutputPlan> {
    return this.planner.plan(entry, ++this.nextTask);
  }

  /** Submits item `seq` (already recorded as pending with `plan.output`); its end is recorded. */
  process(seq: number, entry: ImageEntry, plan: PlannedOutput): void {
    const task = this.run(seq, entry, plan).then(
      (update) => {
        if (update) this.scope.recorder.finishItem(update);
      },
      (error: unknown) => {
        if (!(error instanceof CancelledError)) this.fault ??= error;
      },
    );
    this.inFlight.add(task);
    void task.finally(() => {
      this.inFlight.delete(task);
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  /** Resolves once fewer than `limit` tasks are in flight (or the run stopped). */
  async below(limit: number): Promise<void> {
    while (this.inFlight.size >= limit && !this.scope.signal.aborted && !this.fault) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.throwFault();
  }

  /** Waits for every submitted task; rethrows a fault of ours (not an image's) if one happened. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    this.throwFault();
  }

  private throwFault(): void {
    if (this.fault) throw this.fault;
  }

  private async run(
    seq: number,
    entry: ImageEntry,
    plan: PlannedOutput,
  ): Promise<ItemUpdate | null> {
    this.temps.set(seq, plan.temp);
    let outcome: TaskOutcome;
    try {
      outcome = await this.dispatcher.submit({
        source: entry.source,
        output: plan.output,
        temp: plan.temp,
        outputFormat: plan.outputFormat,
        options: this.options,
        expect: entry.checked
          ? null
          : { format: entry.format, exact: this.settings.format === 'keep' },
        claim: CLAIMS[this.settings.existing],
      });
    } finally {
      this.temps.delete(seq);
    }
    if (outcome.kind !== 'mismatch') {
      const update = outcomeUpdate(seq, outcome, (error) =>
        this.wording.failed(entry.source, error),
      );
      if (outcome.kind !== 'done') return update;
      const written = outcome.result.output;
      if (written === null) {
        // `skip`: another run wrote this name between our plan and the end of the image.
        return {
          ...update,
          status: 'skipped',
          output: null,
          error: this.reason(entry, 'its output was written by another run meanwhile, skipped'),
        };
      }
      // The name really got (a numbered one when another run took the planned name first);
      // after a re-plan, too, it is not the one the item was recorded with.
      if (written !== undefined && written !== plan.output) this.planner.took(written, entry);
      return { ...update, output: written ?? plan.output };
    }
    this.planner.release(plan.output);
    const found = verdictFromContent(entry, entry.size, outcome.sniffed);
    if (found.verdict === 'image' && isReadableFormat(outcome.sniffed.format)) {
      // Another format than its name says (a JPEG named .png): planned again as what it is.
      const again = await this.plan({ ...found, checked: true });
      if ('output' in again) return this.run(seq, { ...found, checked: true }, again);
      const why = 'fail' in again ? again.fail : again.skip;
      return {
        seq,
        status: 'fail' in again ? 'failed' : 'skipped',
        error: this.reason(entry, why),
      };
    }
    const why = found.verdict === 'image' ? 'not an image this program can read' : found.reason;
    return {
      seq,
      status: found.verdict === 'skip' ? 'skipped' : 'failed',
      error: this.reason(entry, why),
      attempts: outcome.attempts,
    };
  }

  /** Items carry their source; the stored reason need not repeat the file's name. */
  private reason(entry: ImageEntry, reason: string): string {
    return this.wording.notProcessed(reasonWithoutName(entry, reason));
  }
}
