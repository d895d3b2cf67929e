import { dialog, ipcMain } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Dispatch } from '../api/dispatch.js';
import type { Core } from '../core/context.js';
import { IPC } from './ipc-channels.js';

/** Binds the handler map to IPC. The dispatcher checks every call's sending frame. */
export function bindIpc(core: Core, dispatch: Dispatch, getWindow: () => BrowserWindow | null): void {
  ipcMain.handle(IPC.invoke, (event, channel: unknown, input: unknown) =>
    dispatch(String(channel), input, {
      core,
      caller: { kind: 'ipc', frameUrl: event.senderFrame?.url ?? '' },
      mode: 'electron',
    }),
  );
  ipcMain.handle(IPC.chooseRepository, async (event) => {
    const window = getWindow();
    if (!window || event.sender !== window.webContents) return null;
    const result = await dialog.showOpenDialog(window, {
      title: 'Open repository',
      properties: ['openDirectory'],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
}
