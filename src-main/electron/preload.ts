import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../../shared/api.js';
import type { DesktopBridge } from '../../shared/bridge.js';
import { IPC } from './ipc-channels.js';
import type { MenuAction } from './ipc-channels.js';

// Exposes one function per API channel and nothing else: the page never gets ipcRenderer.
const bridge: DesktopBridge = {
  invoke: Object.fromEntries(
    channelNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC.invoke, name, input)]),
  ) as DesktopBridge['invoke'],
  chooseRepository: () => ipcRenderer.invoke(IPC.chooseRepository) as Promise<string | null>,
  onProgress: (listener) => {
    const wrapped = (_event: unknown, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(IPC.progress, wrapped);
    return () => ipcRenderer.removeListener(IPC.progress, wrapped);
  },
  onMenu: (listener) => {
    const wrapped = (_event: unknown, action: MenuAction) => listener(action);
    ipcRenderer.on(IPC.menu, wrapped);
    return () => ipcRenderer.removeListener(IPC.menu, wrapped);
  },
};

contextBridge.exposeInMainWorld('releaseDesk', bridge);
