/** For exhaustive switches over unions: the compiler proves this is never reached. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
