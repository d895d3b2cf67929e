import { errorMessage } from './api-client.js';

/** The latest answer to a question a screen keeps asking (a plan, a board, a page of events). */
export interface Query<T> {
  /** The answer to the current question; null while none has arrived or after it failed. */
  readonly value: T | null;
  /** Why the current question failed, in words for the user; null otherwise. */
  readonly error: string | null;
  /** True while an answer to the current question is awaited. */
  readonly loading: boolean;
  /**
   * True once the current key has had an answer (or a failure): `value` is then about what is asked
   * now, even while a refresh is on its way. A null value is then a real answer ("none").
   */
  readonly ready: boolean;
  /** Asks the current question again; `clear` takes the answer shown off the screen first. */
  refresh(clear?: boolean): void;
  /** Shows an answer the screen got another way (an action's result); a pending answer is dropped. */
  set(value: T): void;
}

export interface QueryOptions {
  /**
   * What the question is about (repository, channel…). While it stays the same, a new ask keeps the
   * last answer on screen until the next one arrives (a refresh does not flicker); when it changes,
   * the old answer is cleared at once, so nothing about the previous input is ever shown for the new.
   * Without a key every ask keeps the last answer.
   */
  key?: () => unknown;
}

const NOT_ASKED = Symbol('not asked');

/**
 * Asks `ask()` again whenever what it reads changes (Svelte tracks it like an `$effect`), and keeps
 * only the answer to the newest question: a late answer to an older one (a previous repository,
 * channel or page) is dropped, value or error. `ask` returns null when there is nothing to ask.
 * Call it while a component initialises, like `$effect`.
 */
export function query<T>(ask: () => Promise<T> | null, options: QueryOptions = {}): Query<T> {
  let value = $state<T | null>(null);
  let error = $state<string | null>(null);
  let loading = $state(false);
  let ready = $state(false);
  let asked = $state(0);
  /** Bumped by every ask and by `set`, so an answer can tell whether it is still wanted. */
  let generation = 0;
  let shownKey: unknown = NOT_ASKED;

  $effect(() => {
    void asked;
    const key = options.key?.();
    const answer = ask();
    const mine = ++generation;
    if (key !== shownKey) {
      value = null;
      ready = false;
    }
    shownKey = key;
    error = null;
    loading = answer !== null;
    if (answer === null) {
      value = null;
      ready = false;
      return;
    }
    answer.then(
      (next) => {
        if (mine !== generation) return;
        value = next;
        ready = true;
        loading = false;
      },
      (failure: unknown) => {
        if (mine !== generation) return;
        value = null;
        error = errorMessage(failure);
        ready = true;
        loading = false;
      },
    );
    // A question replaced (or a component gone) drops its answer even if no new ask follows.
    return () => {
      if (mine === generation) generation += 1;
    };
  });

  return {
    get value() {
      return value;
    },
    get error() {
      return error;
    },
    get loading() {
      return loading;
    },
    get ready() {
      return ready;
    },
    refresh(clear = false) {
      if (clear) value = null;
      asked += 1;
    },
    set(next: T) {
      generation += 1;
      value = next;
      error = null;
      ready = true;
      loading = false;
    },
  };
}
