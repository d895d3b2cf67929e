/** IPC channel names shared by main and preload (the renderer never sees them). */
export const IPC = {
  invoke: 'release-desk:invoke',
  chooseRepository: 'release-desk:choose-repository',
  progress: 'release-desk:progress',
  menu: 'release-desk:menu',
} as const;

/** Application-menu actions forwarded to the renderer. */
export type MenuAction = 'open-repository' | 'refresh';
