import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installApi } from './bridge/installApi';
import { connectStore, onConnectionChange } from './state/connectStore';
import './styles.css';

const api = installApi(onConnectionChange);
if (api) connectStore(api);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App connected={api !== null} />
  </StrictMode>,
);
