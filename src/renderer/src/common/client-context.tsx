// The one place components get the contract client from (STYLE.md §7): they never know whether
// it is Electron's preload or the web shell's socket behind it.
import { createContext, useContext, type ReactNode } from 'react';
import type { PhotobatchClient } from '../../../shared/contract.js';

const ClientContext = createContext<PhotobatchClient | null>(null);

/** Provides the client to the tree. */
export function ClientProvider({
  client,
  children,
}: {
  client: PhotobatchClient;
  children: ReactNode;
}) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The contract client. */
export function useClient(): PhotobatchClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('Expected a ClientProvider above this component but found none');
  return client;
}
