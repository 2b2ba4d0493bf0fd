/** Argument parsing on node:util's parseArgs, with errors turned into one-line usage errors. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { rangeText, readNumber, withinLimits } from '../shared/settings-limits.js';
import type { NumberLimits } from '../shared/settings-limits.js';
import { CliUsageError } from './cli-io.js';
import { fillOptionalValues } from './optional-values.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/**
 * `--blur -1` as `--blur=-1`: parseArgs takes a value that starts with `-` for an option and
 * refuses it as "ambiguous", where the user plainly meant a (negative) number, which the
 * option's own check then refuses in words.
 */
function joinNegativeNumbers(args: readonly string[], options: Options): string[] {
  const takesValue = (arg: string): boolean => {
    if (arg.startsWith('--')) return options[arg.slice(2)]?.type === 'string';
    if (/^-[a-zA-Z]$/.test(arg))
      return Object.values(options).some((o) => o.short === arg[1] && o.type === 'string');
    return false;
  };
  const joined: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === '--') {
      joined.push(...args.slice(i));
      break;
    }
    if (next !== undefined && /^-(\d|\.\d)/.test(next) && takesValue(arg)) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else joined.push(arg);
  }
  return joined;
}

/** Parses argv strictly; an unknown option or a missing value is a CliUsageError. */
export function parseCommandLine<T extends Options>(args: string[], options: T) {
  const all: Options = { ...GLOBAL_OPTIONS, ...options };
  try {
    return parseArgs({
      args: fillOptionalValues(joinNegativeNumbers(args, all), all),
      options: { ...GLOBAL_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new CliUsageError(
      message.replace(/^Option '(.+?)'/, "option '$1'").replace(/\. To specify.*$/, ''),
    );
  }
}

/** A run id given as an argument (not an option, so the message names no option). */
export function runIdArgument(text: string | undefined): number {
  if (text === undefined) throw new CliUsageError('name a run id (see photobatch runs)');
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1)
    throw new CliUsageError(
      `a run id is a whole number from 1 up (see photobatch runs), got "${text}"`,
    );
  return n;
}

/** A whole number in [min, max] from an option, or a CliUsageError naming the option. */
export function intOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliUsageError(
      `--${name} must be a whole number from ${min} to ${max}, got "${value}"`,
    );
  }
  return n;
}

/**
 * A setting's number from an option, within the limits its schema states
 * (src/shared/settings-limits.ts, the same the window's forms use), or a CliUsageError naming
 * the option and the range.
 */
export function limitedOption(
  name: string,
  value: string | undefined,
  limits: NumberLimits,
): number | undefined {
  if (value === undefined) return undefined;
  const n = readNumber(value);
  if (n === null || !withinLimits(n, limits))
    throw new CliUsageError(`--${name} must be ${rangeText(limits)}, got "${value}"`);
  return n;
}

/** One of the allowed words, or a CliUsageError listing them. */
export function choiceOption<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new CliUsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as T;
}
