import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installApi } from './bridge/installApi';
import { resolveColorScheme } from './components/useColorScheme';
import { connectStore, onConnectionChange } from './state/connectStore';
import './styles.css';

const api = installApi(onConnectionChange);
if (api) connectStore(api);

// The system palette from the first paint, before settings arrive (App keeps it current).
document.documentElement.dataset.theme = resolveColorScheme('system');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App connected={api !== null} />
  </StrictMode>,
);
