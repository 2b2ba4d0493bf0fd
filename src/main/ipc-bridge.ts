/**
 * The contract over Electron IPC: one `ipcMain.handle` per allow-listed command. Every message's
 * sender is checked (one of our windows, showing our page, from its top frame) before the command
 * service validates and runs it; the answer is a `CommandOutcome`, never a thrown error.
 */
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { COMMAND_CHANNELS } from '../shared/channels.js';
import type { CommandName, CommandOutcome } from '../shared/contract.js';

/** What the bridge relays to: the command service's `dispatch`. */
export type Dispatch = (name: CommandName, input: unknown) => Promise<CommandOutcome>;

/** Decides whether an IPC message comes from our own page. */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  windows: () => readonly WebContents[],
  origin: string,
): boolean {
  if (!windows().includes(event.sender)) return false;
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed has no trustworthy URL.
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === origin;
  } catch {
    return false;
  }
}

/** Registers the handlers; returns a function that removes them. */
export function bindContractToIpc(options: {
  dispatch: Dispatch;
  trusted: (event: IpcMainInvokeEvent) => boolean;
}): () => void {
  const names = Object.keys(COMMAND_CHANNELS) as CommandName[];
  for (const name of names) {
    ipcMain.handle(name, async (event, input: unknown): Promise<CommandOutcome> => {
      if (!options.trusted(event)) {
        return {
          ok: false,
          error: { message: `${name} was refused: it did not come from the Photobatch window.` },
        };
      }
      return options.dispatch(name, input);
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(name);
  };
}
