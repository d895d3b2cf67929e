import type { RepositorySummary } from '../../shared/domain/repository.js';
import { call } from './api-client.js';

export type ScreenId = 'release' | 'trains' | 'hotfixes' | 'promotions' | 'audit' | 'compare' | 'history';

export const SCREENS: { id: ScreenId; label: string }[] = [
  { id: 'release', label: 'Release' },
  { id: 'trains', label: 'Trains' },
  { id: 'hotfixes', label: 'Hotfixes' },
  { id: 'promotions', label: 'Promotions' },
  { id: 'audit', label: 'Audit' },
  { id: 'compare', label: 'Compare' },
  { id: 'history', label: 'History' },
];

/** The tab's open repository and screen, so a reload (F5) comes back to them. */
const VIEW_KEY = 'release-desk-view';

interface SavedView {
  repo: string | null;
  screen: ScreenId;
}

function savedView(): SavedView {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? 'null') as Partial<SavedView> | null;
    const screen = SCREENS.find((s) => s.id === parsed?.screen)?.id ?? 'release';
    return { repo: typeof parsed?.repo === 'string' ? parsed.repo : null, screen };
  } catch {
    return { repo: null, screen: 'release' };
  }
}

/** What the whole window shares: the open repository and the screen shown. */
class Session {
  repo = $state<RepositorySummary | null>(null);
  #screen = $state<ScreenId>('release');
  /** Bumped by Refresh so every screen reloads its data. */
  revision = $state(0);
  /** Asks the open-repository form to take focus (Ctrl/Cmd+O with no repository open). */
  openRequest = $state(0);
  /** The header's repository switcher is showing. */
  switching = $state(false);
  /** Coming back to the repository of before a reload; the open form waits for it. */
  restoring = $state(false);

  get screen(): ScreenId {
    return this.#screen;
  }
  set screen(next: ScreenId) {
    this.#screen = next;
    this.#save();
  }

  /** Bumped by every open, so the summary of a repository left meanwhile is not shown. */
  #opening = 0;

  async open(path: string): Promise<RepositorySummary> {
    const mine = ++this.#opening;
    const summary = await call('repository.open', { path });
    if (mine !== this.#opening) return summary;
    this.repo = summary;
    this.revision += 1;
    this.#save();
    return summary;
  }

  /** Re-reads the header facts after an action changed the repository (tag, branch). */
  async refresh(): Promise<void> {
    const before = this.repo;
    if (before) {
      const mine = this.#opening;
      const summary = await call('repository.summary', { path: before.path });
      // Another repository opened while this one was read again: its facts stay.
      if (mine !== this.#opening) return;
      this.repo = summary;
    }
    this.revision += 1;
  }

  /**
   * After a reload: the same screen, and the same repository read again without recording
   * another opening. A repository that is gone since is dropped quietly: the open form shows.
   */
  async restore(): Promise<void> {
    const view = savedView();
    this.#screen = view.screen;
    if (!view.repo) return;
    this.restoring = true;
    const mine = ++this.#opening;
    try {
      const summary = await call('repository.summary', { path: view.repo });
      if (mine !== this.#opening) return;
      this.repo = summary;
      this.revision += 1;
    } catch {
      if (mine !== this.#opening) return;
      this.repo = null;
      this.#save();
    } finally {
      this.restoring = false;
    }
  }

  #save() {
    const view: SavedView = { repo: this.repo?.path ?? null, screen: this.#screen };
    sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
  }
}

export const session = new Session();
