/**
 * jsdom has <dialog> without its behaviour: just enough of it, as browsers define it, for
 * ConfirmDialog (open while shown, `close()` fires "close"; Escape's "cancel" is sent by tests).
 */
const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal(): void; close(): void };
if (typeof proto.showModal !== 'function') {
  Object.defineProperty(proto, 'open', {
    configurable: true,
    get(this: HTMLDialogElement) {
      return this.hasAttribute('open');
    },
  });
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
