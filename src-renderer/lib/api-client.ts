import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/api.js';
import type { DesktopBridge } from '../../shared/bridge.js';
import type { ProgressEvent } from '../../shared/domain/progress.js';
import type { ApiError, Result } from '../../shared/result.js';
import { followEvents } from './event-stream.js';

declare global {
  interface Window {
    releaseDesk?: DesktopBridge;
  }
}

/** A failed API call, with the server's error code for the UI to explain. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
  get code() {
    return this.error.code;
  }
}

const TOKEN_KEY = 'release-desk-token';

/**
 * Browser mode's token arrives in the URL once; keep it for this tab and take it out of the
 * address bar so it is not bookmarked or shared by accident. From then on it travels in the
 * X-Release-Desk-Token header only (the server takes it from nowhere else).
 */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const bridge = typeof window !== 'undefined' ? window.releaseDesk : undefined;
const token = bridge || typeof window === 'undefined' ? '' : browserToken();

async function transport(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  if (bridge) return bridge.invoke[channel](input);
  const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Release-Desk-Token': token },
    body: JSON.stringify(input ?? {}),
  });
  if (response.status === 401 || response.status === 403) {
    const body = (await response.json().catch(() => null)) as Result<unknown> | null;
    return body ?? { ok: false, error: { code: 'untrusted-caller', message: `HTTP ${response.status}` } };
  }
  return (await response.json()) as Result<unknown>;
}

/** Calls one API channel; resolves with its output or rejects with ApiCallError. */
export async function call<K extends ChannelName>(
  channel: K,
  input: ChannelInput<K>,
): Promise<ChannelOutput<K>> {
  const result = await transport(channel, input);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value as ChannelOutput<K>;
}

export const isDesktop = Boolean(bridge);

export function chooseRepositoryNatively(): Promise<string | null> {
  return bridge ? bridge.chooseRepository() : Promise.resolve(null);
}

/** Progress of long jobs: IPC events in Electron, server-sent events in browser mode. */
export function onProgress(listener: (event: ProgressEvent) => void): () => void {
  if (bridge) return bridge.onProgress(listener);
  return followEvents('/api/events', { 'X-Release-Desk-Token': token }, (data) =>
    listener(JSON.parse(data) as ProgressEvent),
  );
}

export function onMenu(listener: (action: 'open-repository' | 'refresh') => void): () => void {
  return bridge ? bridge.onMenu(listener) : () => undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
