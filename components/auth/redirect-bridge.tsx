// The page the identity provider returns the browser to (MSAL 5's redirect bridge): hands the answer to
// the page that started the sign-in (redirect) or to the hidden frame's parent (silent renewal). It runs
// outside MsalProvider, and loads MSAL's bridge only in the browser.
'use client';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { SIGN_IN_PATH } from '@/lib/auth/msal-config';

export function RedirectBridge() {
  const started = useRef(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    import('@azure/msal-browser/redirect-bridge')
      .then(({ broadcastResponseToMainFrame }) => broadcastResponseToMainFrame())
      .catch(() => setFailed(true));
  }, []);

  if (!failed) {
    return (
      <p role="status" className="m-auto p-8 text-center text-muted">
        Finishing sign-in…
      </p>
    );
  }
  return (
    <div className="m-auto max-w-md space-y-3 p-8 text-center">
      <h1 className="font-semibold text-base">This sign-in cannot be finished</h1>
      <p className="text-muted">
        This page only completes a sign-in that Huntboard started, and this one is missing or already used
        (opened from a bookmark, or reloaded). Start again from the sign-in page.
      </p>
      <Link
        href={SIGN_IN_PATH}
        className="inline-flex h-7 items-center rounded-md bg-accent px-3 font-medium text-accent-fg hover:bg-accent-hover"
      >
        Go to sign-in
      </Link>
    </div>
  );
}
