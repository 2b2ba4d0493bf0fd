/**
 * A small stand-in for the few Electron APIs src/main uses, so main's wiring runs in plain Node
 * (Electron's binary cannot be downloaded on these machines). It records what main asks of it
 * (windows, progress bars, IPC handlers, menus, worker forks) for the test to inspect.
 * `utilityProcess.fork` is real: child_process.fork with a `process.parentPort` shim, so the
 * worker entry runs exactly as it would under Electron's utility process.
 * Loaded in place of `electron` by electron-alias-hooks.mjs. A test double belongs here only.
 */
import { EventEmitter } from 'node:events';
import { fork } from 'node:child_process';

const PARENT_PORT_SHIM = new URL('./parent-port-shim.mjs', import.meta.url).href;

/** A preventable event, as Electron passes to `will-navigate` and `before-quit`. */
export function preventable(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let nextContentsId = 1;

/** The parts of WebContents main touches: `send`, navigation events, the window-open handler. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  url = '';
  mainFrame: { url: string; parent: null } = { url: '', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
    this.emit('fake:sent', channel, payload);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

/** A window that records its options, the URL it loads and its taskbar progress. */
export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly progress: { value: number; mode: string | undefined }[] = [];
  destroyed = false;
  focused = true;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', preventable(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.webContents.mainFrame = { url, parent: null };
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }

  setProgressBar(value: number, options?: { mode?: string }): void {
    this.progress.push({ value, mode: options?.mode });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return false;
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
}

class FakeApp extends EventEmitter {
  name = 'electron';
  isPackaged = false;
  quitCalls = 0;
  exitCode: number | null = null;
  setName(name: string): void {
    this.name = name;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls++;
    this.emit('before-quit', preventable());
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

/** The app object. */
export const app = new FakeApp();

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain with a way for the test to play the renderer. */
export const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
  /** What `ipcRenderer.invoke(channel, input)` from `event.sender` would get back. */
  async invoke(channel: string, event: unknown, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, input);
  },
};

/** What main asked `utilityProcess.fork` for, per worker. */
export const forks: {
  modulePath: string;
  args: string[];
  options: { serviceName?: string; env?: Record<string, string>; stdio?: unknown };
}[] = [];

/** A utility process as main sees it: postMessage in, 'message'/'exit' out, pid, kill. */
class FakeUtilityProcess extends EventEmitter {
  constructor(private readonly child: ReturnType<typeof fork>) {
    super();
    child.on('spawn', () => this.emit('spawn'));
    child.on('message', (message) => this.emit('message', message));
    // Electron reports an exit code only (a signal shows as a non-zero code).
    child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
    child.on('error', () => {});
  }
  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null
      ? this.child.pid
      : undefined;
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }
  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

/** utilityProcess on child_process.fork; the child gets `process.parentPort` and no `process.send`. */
export const utilityProcess = {
  fork(
    modulePath: string,
    args: string[] = [],
    options: { serviceName?: string; env?: Record<string, string>; stdio?: unknown } = {},
  ) {
    forks.push({ modulePath, args, options });
    const child = fork(modulePath, args, {
      env: options.env,
      execArgv: ['--import', 'tsx', '--import', PARENT_PORT_SHIM],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    return new FakeUtilityProcess(child);
  },
};

type ProtocolHandler = (request: Request) => Promise<Response>;

/** protocol: records the privileged schemes and the handlers main installs. */
export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  },
};

/** The default session's permission handlers. */
export const session = {
  defaultSession: {
    permissionRequestHandler: null as
      | null
      | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheckHandler: null as null | (() => boolean),
    setPermissionRequestHandler(
      handler: (
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
      ) => void,
    ): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: () => boolean): void {
      this.permissionCheckHandler = handler;
    },
  },
};

/** Menu: keeps the template main installs. */
export const Menu = {
  installed: null as unknown,
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    this.installed = menu;
  },
};

/** Dialogs: the picker answers what the test sets; error boxes are recorded. */
export const dialog = {
  nextPick: null as string | null,
  errors: [] as string[],
  async showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    return this.nextPick
      ? { canceled: false, filePaths: [this.nextPick] }
      : { canceled: true, filePaths: [] };
  },
  showErrorBox(title: string, content: string): void {
    this.errors.push(`${title}: ${content}`);
  },
};

/** shell.openPath: records folders, answers '' (opened). */
export const shell = {
  opened: [] as string[],
  /** Files shown selected in their folder (shell.showItemInFolder). */
  revealed: [] as string[],
  async openPath(folder: string): Promise<string> {
    this.opened.push(folder);
    return '';
  },
  showItemInFolder(file: string): void {
    this.revealed.push(file);
  },
};

/** Notifications: recorded, as if the platform supports them. */
export class Notification extends EventEmitter {
  static readonly shown: { title: string; body: string }[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(private readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this.options);
  }
}
