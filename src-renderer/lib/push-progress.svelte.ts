import { onProgress } from './api-client.js';

/**
 * git's push progress ("Pushing… 40% (writing 12/30)") while a dialog's action runs: a release,
 * a train's ship or a hotfix's finish. Null when nothing is being pushed. Call it while the
 * dialog initialises, like `$effect`.
 */
export function followPush(running: () => boolean): { readonly message: string | null } {
  let message = $state<string | null>(null);
  $effect(() =>
    onProgress((event) => {
      if (event.kind === 'push' && running()) message = event.finished ? null : event.message;
    }),
  );
  $effect(() => {
    if (!running()) message = null;
  });
  return {
    get message() {
      return message;
    },
  };
}
