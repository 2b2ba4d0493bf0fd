/**
 * The sandboxed preload: exposes exactly the contract client to the page, and nothing of
 * Electron. Only allow-listed command names reach IPC; the page never sees an IPC event object.
 * (CommonJS, as sandboxed preloads must be; electron-vite builds it to out/preload/index.cjs.)
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, isCommandName } from '../shared/channels.js';
import { picturePath } from '../shared/pictures.js';
import type {
  AppEvent,
  CommandInput,
  CommandName,
  CommandOutcome,
  CommandResults,
  PhotobatchClient,
} from '../shared/contract.js';
import type { PictureRequest } from '../shared/pictures.js';
import { runFilePath } from '../shared/run-file-paths.js';
import type { FileSide } from '../shared/run-file-paths.js';

/** The window's own origin (src/main/app-protocol.ts), where main serves a run's files. */
const APP_ORIGIN = 'app://photobatch';

const client = {
  async invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResults[K]> {
    if (!isCommandName(name)) throw new Error(`unknown command "${String(name)}"`);
    const outcome = (await ipcRenderer.invoke(name, input)) as CommandOutcome<K>;
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value;
  },

  onEvent(listener: (event: AppEvent) => void): () => void {
    // The page gets the event's data only, never Electron's event object (it holds `sender`).
    const relay = (_event: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },

  pictureUrl(request: PictureRequest): string {
    // Main's app:// protocol answers these (src/main/picture-protocol.ts).
    return `app://photobatch${picturePath(request)}`;
  },

  async pickFolder(): Promise<string | null> {
    return (await client.invoke('dialog:pickFolder', {})).path;
  },

  canOpenFolders: true,

  pathsForDroppedFiles(files: readonly File[]): string[] {
    // File.path is gone (Electron 32+); webUtils gives the path of a file the user dropped or picked.
    return Array.from(files, (file) => webUtils.getPathForFile(file)).filter((p) => p !== '');
  },

  fileUrl(runId: number, seq: number, side: FileSide, download = false): string {
    return `${APP_ORIGIN}${runFilePath(runId, seq, side, download)}`;
  },

  async revealInFolder(runId: number, seq: number): Promise<void> {
    await client.invoke('shell:showItem', { runId, seq });
  },

  async openOutputFolder(runId: number): Promise<void> {
    await client.invoke('shell:openOutputFolder', { runId });
  },

  async uploadFiles(): Promise<{ inputDir: string }> {
    throw new Error(
      'The desktop app reads dropped folders where they are; there is nothing to upload.',
    );
  },
} satisfies PhotobatchClient;

contextBridge.exposeInMainWorld('photobatch', client);
