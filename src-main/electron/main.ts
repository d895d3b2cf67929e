import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session, shell } from 'electron';
import { createDispatcher } from '../api/dispatch.js';
import { handlers } from '../api/handlers.js';
import { closeCore, createCore } from '../core/context.js';
import { startDueClock } from '../core/promotion/due-clock.js';
import { openDatabase } from '../core/store/database.js';
import { bindIpc } from './ipc.js';
import { IPC } from './ipc-channels.js';
import { buildApplicationMenu } from './menu.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { APP_ORIGIN, isAllowedExternalUrl, isAppUrl, secureWebPreferences } from './security.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '..', 'renderer');
let mainWindow: BrowserWindow | null = null;

// Tests and portable setups may point the app at another state directory.
if (process.env.RELEASE_DESK_USER_DATA) app.setPath('userData', process.env.RELEASE_DESK_USER_DATA);
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Release Desk',
    show: false,
    webPreferences: secureWebPreferences(path.join(here, 'preload.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer(rendererDir);

  const core = createCore(openDatabase(app.getPath('userData')), {
    progress: (event) => mainWindow?.webContents.send(IPC.progress, event),
    shareAfterActions: true,
  });
  const dispatch = createDispatcher({
    handlers,
    isTrusted: (caller) => caller.kind === 'ipc' && isAppUrl(caller.frameUrl),
  });
  // Soaks that end and windows that open finish their promotions while the app runs.
  const clock = startDueClock(core, (line) => process.stderr.write(`${line}\n`));
  bindIpc(
    core,
    async (channel, input, ctx) => {
      const result = await dispatch(channel, input, ctx);
      clock.recheck();
      return result;
    },
    () => mainWindow,
  );
  Menu.setApplicationMenu(buildApplicationMenu(() => mainWindow));
  mainWindow = createWindow();
  mainWindow.on('closed', () => (mainWindow = null));

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  // Quitting waits for the commit cache's writes, then quits for good.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    clock.stop();
    void closeCore(core).finally(() => {
      closed = true;
      app.quit();
    });
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
