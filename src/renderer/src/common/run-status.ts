/**
 * A run's status as the window names it (chips, filters, the run picker). One exhaustive switch,
 * so a status added to the contract fails to compile here until the window has a word for it.
 */
import type { RunStatus } from '../../../shared/records.js';
import { missingCase } from '../../../shared/missing-case.js';

/** "Running", "Completed", "Cancelled", "Failed", "Interrupted". */
export function statusLabel(status: RunStatus): string {
  switch (status) {
    case 'running':
      return 'Running';
    case 'completed':
      return 'Completed';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
    case 'interrupted':
      return 'Interrupted';
    default:
      return missingCase(status);
  }
}

/**
 * What a status means, for the chip's tooltip. A failed run's own reason (`RunRecord.error`)
 * goes first when there is one: it is what the user needs to know.
 */
export function statusExplanation(status: RunStatus, error: string | null): string {
  switch (status) {
    case 'running':
      return 'Still working.';
    case 'completed':
      return 'Every item was tried; failed items, if any, are listed with the run.';
    case 'cancelled':
      return 'Stopped by the user; finished outputs were kept.';
    case 'failed':
      return error
        ? `The run itself stopped: ${error}`
        : 'The run itself stopped on an error (not an image).';
    case 'interrupted':
      return 'The app or command stopped while this run was working.';
    default:
      return missingCase(status);
  }
}
