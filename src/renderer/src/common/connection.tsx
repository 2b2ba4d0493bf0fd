// Whether the engine answers, for every screen: the banner, frozen timers, and actions that need
// the engine disabled while it is away. `epoch` counts reconnections, so a screen can re-read the
// store's truth (History, the run being watched) each time the engine comes back.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ConnectionState, PhotobatchClient } from '../../../shared/contract.js';

/** What a screen knows about the connection. */
export interface Connection {
  state: ConnectionState;
  /** True while commands can reach the engine. */
  online: boolean;
  /** Incremented on every reconnection after a loss (0 until the first one). */
  epoch: number;
}

const ConnectionContext = createContext<Connection>({ state: 'connected', online: true, epoch: 0 });

/** Follows the client's connection; a client without `onConnection` (Electron) is always online. */
export function useConnectionTracking(client: PhotobatchClient): Connection {
  const [connection, setConnection] = useState<Connection>({
    state: 'connected',
    online: true,
    epoch: 0,
  });
  useEffect(
    () =>
      client.onConnection?.((state) =>
        setConnection((c) => ({
          state,
          online: state === 'connected',
          epoch: state === 'connected' && !c.online ? c.epoch + 1 : c.epoch,
        })),
      ),
    [client],
  );
  return connection;
}

/** Provides the connection to the screens. */
export function ConnectionProvider({
  value,
  children,
}: {
  value: Connection;
  children: ReactNode;
}) {
  return <ConnectionContext.Provider value={value}>{children}</ConnectionContext.Provider>;
}

/** The connection as of this render. */
export function useConnection(): Connection {
  return useContext(ConnectionContext);
}

/** Says, above every screen, that the engine is away and what to do about it. */
export function ConnectionBanner({ connection }: { connection: Connection }) {
  if (connection.state === 'connected') return null;
  return (
    <div className="banner error connection-banner" role="alert">
      <div className="grow">
        {connection.state === 'restarted' ? (
          <>
            <strong>Photobatch was restarted: open the new address it printed.</strong> This page
            belongs to the previous launch, so the engine no longer accepts it. Once the new address
            is open, this page reconnects too.
          </>
        ) : (
          <>
            <strong>Connection lost — reconnecting…</strong> The engine stopped answering. Figures
            are frozen and actions wait until it is back; nothing here is lost.
          </>
        )}
      </div>
    </div>
  );
}
