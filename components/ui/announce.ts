// One polite live region for short confirmations ("Device ID copied"), so components in thousands
// of rows need no live region of their own.

let region: HTMLElement | null = null;

export function announce(message: string): void {
  if (typeof document === 'undefined') return;
  if (!region?.isConnected) {
    region = document.createElement('div');
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('role', 'status');
    region.className = 'sr-only';
    document.body.append(region);
  }
  const target = region;
  // Clearing first makes a repeated message count as a change.
  target.textContent = '';
  window.setTimeout(() => {
    target.textContent = message;
  }, 50);
}
