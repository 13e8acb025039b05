// Lets signed-in people with a Huntboard role through to a page: sends everyone else to sign in (and back
// here afterwards), and tells a person without a role why they see nothing.
'use client';
import { useRouter } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { NoAccess } from './no-access';
import { signInHref } from './return-to';
import { useSignInState } from './use-sign-in-state';

export function AccessGate({ children }: { children: ReactNode }) {
  const state = useSignInState();
  const router = useRouter();
  const signedOut = state.status === 'signed-out';

  useEffect(() => {
    if (signedOut) router.replace(signInHref(window.location.pathname + window.location.search));
  }, [signedOut, router]);

  if (state.status !== 'signed-in') {
    return (
      <p role="status" className="m-auto text-muted">
        {signedOut ? 'Taking you to sign in…' : 'Checking your sign-in…'}
      </p>
    );
  }
  if (state.roles.length === 0) return <NoAccess name={state.name} username={state.username} />;
  return children;
}
