/**
 * Names that cross a process boundary, as plain data with no schema library behind them, so that
 * the sandboxed preload can allow-list channels without bundling the validators.
 */
import type { CommandName, EventName } from './contract.js';

/**
 * Every command, once. `satisfies` makes the compiler fail here when a command is added to the
 * contract and not to the allow-list, or listed here without existing (Actual Budget's habit).
 */
export const COMMAND_CHANNELS = {
  'process:start': true,
  'download:start': true,
  'run:cancel': true,
  'runs:list': true,
  'runs:get': true,
  'runs:compare': true,
  'runs:delete': true,
  'runs:rerun': true,
  'runs:resume': true,
  'inputs:check': true,
  'settings:get': true,
  'settings:set': true,
  'inputs:estimate': true,
  'sweep:start': true,
  'sweep:cancel': true,
  'sweeps:latest': true,
  'queue:workers': true,
  'dialog:pickFolder': true,
  'shell:openPath': true,
  'inputs:photos': true,
  'preview:make': true,
  'runs:retryFailed': true,
  'shell:showItem': true,
  'shell:openOutputFolder': true,
  'presets:list': true,
  'presets:save': true,
  'presets:rename': true,
  'presets:delete': true,
  'presets:import': true,
  'presets:export': true,
} as const satisfies Record<CommandName, true>;

/** Every event, once. */
export const EVENT_CHANNELS = {
  'run:started': true,
  'run:progress': true,
  'item:done': true,
  'scan:finished': true,
  'run:finished': true,
  'download:progress': true,
  'sweep:progress': true,
  'sweep:finished': true,
} as const satisfies Record<EventName, true>;

/** The one IPC channel main sends events on (each carries its own name, see `AppEvent`). */
export const EVENT_CHANNEL = 'photobatch:event';

/** True for a command name the contract knows; own keys only, so `toString` or `__proto__` fail. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(COMMAND_CHANNELS, name);
}

/** True for an event name the contract knows. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CHANNELS, name);
}
