// Entry of the window: takes the one contract client this host provides (Electron's preload or
// the web shell's socket) and hands it to the app. Nothing below knows which host it is.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './client/index.js';
import { ClientProvider } from './common/client-context.js';
import { App } from './app/App.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('Expected an element with id "root" in index.html but found none');

createRoot(root).render(
  <StrictMode>
    <ClientProvider client={getClient()}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
