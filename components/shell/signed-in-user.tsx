// The signed-in person in the header: name (account on hover), Huntboard roles, and sign-out.
'use client';
import { useSignInState, useSignOut } from '@/components/auth/use-sign-in-state';
import { Button } from '@/components/ui/button';

export function SignedInUser() {
  const state = useSignInState();
  const signOut = useSignOut();
  if (state.status !== 'signed-in') return null;
  return (
    <div className="flex min-w-0 items-center gap-2">
      <p className="flex min-w-0 items-center gap-1.5" title={state.username || undefined}>
        <span className="sr-only">Signed in as</span>
        <span className="truncate font-medium">{state.name}</span>
        <span className="sr-only">with the role</span>
        {/* On a phone the role is left to the title and screen readers: the name and Sign out need the room. */}
        <span className="shrink-0 rounded bg-surface-2 px-1.5 py-0.5 text-muted text-xs max-sm:sr-only">
          {state.roles.length > 0 ? state.roles.join(', ') : 'No role'}
        </span>
      </p>
      <Button variant="ghost" onClick={() => void signOut()}>
        Sign out
      </Button>
    </div>
  );
}
