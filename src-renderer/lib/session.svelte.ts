import type { RepositorySummary } from '../../shared/domain/repository.js';
import { call } from './api-client.js';

export type ScreenId = 'release' | 'trains' | 'hotfixes' | 'promotions' | 'audit';

export const SCREENS: { id: ScreenId; label: string }[] = [
  { id: 'release', label: 'Release' },
  { id: 'trains', label: 'Trains' },
  { id: 'hotfixes', label: 'Hotfixes' },
  { id: 'promotions', label: 'Promotions' },
  { id: 'audit', label: 'Audit' },
];

/** What the whole window shares: the open repository and the screen shown. */
class Session {
  repo = $state<RepositorySummary | null>(null);
  screen = $state<ScreenId>('release');
  /** Bumped by Refresh so every screen reloads its data. */
  revision = $state(0);
  /** Asks the open-repository form to take focus (Ctrl/Cmd+O in browser mode). */
  openRequest = $state(0);

  async open(path: string): Promise<RepositorySummary> {
    const summary = await call('repository.open', { path });
    this.repo = summary;
    this.revision += 1;
    return summary;
  }

  /** Re-reads the header facts after an action changed the repository (tag, branch). */
  async refresh(): Promise<void> {
    if (this.repo) this.repo = await call('repository.summary', { path: this.repo.path });
    this.revision += 1;
  }
}

export const session = new Session();
