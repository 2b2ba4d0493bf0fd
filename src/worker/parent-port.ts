/**
 * One shape for talking to the parent, whichever host started this worker: Electron's
 * utilityProcess (`process.parentPort`) or Node's child_process.fork (`process.send`).
 */

/** The parent, as the worker sees it. */
export interface ParentPort {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called when the parent is gone (its end of the channel closed). */
  onParentGone(listener: () => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Connects to whichever parent this process has; throws if it has none. */
export function connectToParent(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
      // Electron ends utility processes together with their parent.
      onParentGone: () => {},
    };
  }
  if (typeof process.send === 'function') {
    return {
      post: (message) => {
        // The parent may be gone between the check and the send (killed mid-run): the message has
        // nowhere to go, and the worker leaves on 'disconnect'. A callback keeps Node from raising
        // ERR_IPC_CHANNEL_CLOSED as an unhandled 'error' (a stack trace on the user's terminal).
        if (process.connected) process.send?.(message, undefined, undefined, () => {});
      },
      onMessage: (listener) => process.on('message', listener),
      onParentGone: (listener) => process.on('disconnect', listener),
    };
  }
  throw new Error('photobatch worker: started without a parent process (no IPC channel)');
}
