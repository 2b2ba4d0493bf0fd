/**
 * The contract over a WebSocket: each `invoke` message is validated and handed to the command
 * service, its outcome sent back with the same id; every engine event goes to every open socket.
 * A malformed message gets an error answer (or is dropped when it has no id), never a crash.
 */
import type { WebSocket } from 'ws';
import type { AppEvent } from '../shared/contract.js';
import { clientMessageSchema } from '../shared/web-wire.js';
import type { ServerMessage } from '../shared/web-wire.js';
import type { CommandService } from '../engine/command-handlers.js';

/**
 * A socket this far behind (a frozen tab) is dropped rather than let the shell's memory grow;
 * the page reconnects and reloads its state when it wakes.
 */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Relays commands and events between open sockets and one command service. */
export class SocketRelay {
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly service: Pick<CommandService, 'dispatch'>) {}

  /** Serves one authorised socket until it closes. */
  attach(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    socket.on('message', (data, isBinary) => {
      void this.handle(socket, isBinary ? null : data.toString());
    });
  }

  /** Sends an event to every open socket. */
  broadcast(event: AppEvent): void {
    const message = JSON.stringify({ type: 'event', event } satisfies ServerMessage);
    for (const socket of this.sockets) {
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        socket.terminate();
        continue;
      }
      if (socket.readyState === socket.OPEN) socket.send(message);
    }
  }

  /** Closes every socket (the shell is stopping). */
  closeAll(): void {
    for (const socket of this.sockets) socket.close(1001, 'The web shell is stopping.');
  }

  private async handle(socket: WebSocket, text: string | null): Promise<void> {
    let raw: unknown;
    try {
      raw = text === null ? null : JSON.parse(text);
    } catch {
      raw = null;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      // Answer when the message says which request it was; otherwise there is no one to answer.
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id)) {
        send(socket, {
          type: 'result',
          id,
          ok: false,
          error: {
            message: 'The message was not understood: expected {type: "invoke", id, name, input}.',
          },
        });
      }
      return;
    }
    const { id, name, input } = parsed.data;
    const outcome = await this.service.dispatch(name, input);
    send(
      socket,
      outcome.ok
        ? { type: 'result', id, ok: true, value: outcome.value }
        : { type: 'result', id, ok: false, error: outcome.error },
    );
  }
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
