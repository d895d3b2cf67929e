// Types for electron-native.mjs, so tests can hold its path and checks to the app's.
export declare const ELECTRON_BINDING: readonly string[];
export declare function electronBinary(root?: string): { path: string; version: string } | { reason: string };
export declare function electronBuildIsCurrent(electronVersion: string, root?: string): boolean;
export declare function buildForElectron(electronVersion: string, root?: string): Promise<string>;
export declare function ensureElectronBuild(electronVersion: string, root?: string): Promise<void>;
