import type { ChannelName } from './api.js';
import type { ProgressEvent } from './domain/progress.js';
import type { Result } from './result.js';

/** What Electron's preload puts on `window.releaseDesk`; absent in browser mode. */
export interface DesktopBridge {
  invoke: { [K in ChannelName]: (input: unknown) => Promise<Result<unknown>> };
  chooseRepository: () => Promise<string | null>;
  onProgress: (listener: (event: ProgressEvent) => void) => () => void;
  onMenu: (listener: (action: 'open-repository' | 'refresh') => void) => () => void;
}
