// Keeps a table to one Tab stop: every control inside the parts marked `data-single-tab-stop` (the header and
// the data rows) is taken out of the Tab order as it appears, whoever renders it, so a table of 40 rows with
// four buttons each is one stop instead of 160. The rows keep their own roving tabindex (`data-row-id`), and
// the arrow keys reach the controls (data-table.tsx).
'use client';
import { type RefObject, useEffect } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';
const QUIETED = `[data-single-tab-stop] :is(${FOCUSABLE}):not([data-row-id])`;

/** The controls in `root` the arrow keys can move to, in document order (rows themselves excluded). */
export function focusableIn(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`:is(${FOCUSABLE}):not([data-row-id])`)].filter(
    (element) =>
      !element.matches(':disabled') &&
      !element.closest('[hidden], [inert]') &&
      element.getClientRects().length > 0,
  );
}

function quiet(element: Element) {
  if (element.getAttribute('tabindex') !== '-1') element.setAttribute('tabindex', '-1');
}

export function useSingleTabStop(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const quietIn = (node: Element) => {
      if (node.matches(QUIETED)) quiet(node);
      for (const element of node.querySelectorAll(QUIETED)) quiet(element);
    };
    quietIn(root);
    // Virtualized rows come and go as the table scrolls, and cells re-render: catch each new control.
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') {
          if (record.target instanceof Element && record.target.matches(QUIETED)) quiet(record.target);
        } else {
          for (const node of record.addedNodes) if (node instanceof Element) quietIn(node);
        }
      }
    });
    observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['tabindex'],
    });
    return () => observer.disconnect();
  }, [ref]);
}
