/** The operation settings a worker needs, copied only when set (task messages stay small). */
import type { OperationSettings } from '../shared/operation-settings.js';
import { operationSettingsShape } from '../shared/operation-settings.js';

const FIELDS = Object.keys(operationSettingsShape) as (keyof OperationSettings)[];

/** The operation fields of `settings` that are set (not null, not false, not absent). */
export function operationOptionsOf(settings: OperationSettings): Partial<OperationSettings> {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = settings[field];
    if (value !== undefined && value !== null && value !== false) out[field] = value;
  }
  return out as Partial<OperationSettings>;
}
