/**
 * Options whose value may be left out (`--sharpen` alone, or `--sharpen 2`): parseArgs has no
 * such kind, so the line is rewritten first: `--sharpen` followed by nothing, by another option
 * or by something that is not a number becomes `--sharpen=<its default>`.
 */
import { OPTIONAL_VALUE_OPTIONS } from './operation-options.js';

type Options = Readonly<Record<string, { type: 'string' | 'boolean' }>>;

/** `args` with every bare optional-value option given its default value. */
export function fillOptionalValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    const fallback = name !== null && options[name] ? OPTIONAL_VALUE_OPTIONS[name] : undefined;
    const next = args[i + 1];
    if (fallback !== undefined && (next === undefined || !/^[+-]?(\d|\.\d)/.test(next)))
      out.push(`${arg}=${fallback}`);
    else out.push(arg);
  }
  return out;
}
