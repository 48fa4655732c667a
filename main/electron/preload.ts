import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preloadApi';

contextBridge.exposeInMainWorld('api', buildPreloadApi(ipcRenderer));
