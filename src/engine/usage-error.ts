/** A request the engine refuses before starting (bad path, bad setting): CLI exit 2, UI message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
