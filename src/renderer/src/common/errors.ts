/**
 * A failure as a sentence for the window. Commands reject with `{ message }` (the contract's
 * CommandError) or an Error; either way the user reads words, never a stack or "[object Object]".
 */
export function errorMessage(
  error: unknown,
  fallback = 'Something went wrong, and the app was not told why.',
): string {
  if (typeof error === 'string' && error.trim() !== '') return error;
  if (error && typeof error === 'object' && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return message;
  }
  return fallback;
}
