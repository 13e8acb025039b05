// What a signed-in person without any Huntboard role sees instead of a page: why, whom to ask, how to retry.
'use client';
import { Button } from '@/components/ui/button';
import { ROLES } from '@/lib/auth/roles';
import { useSignOut } from './use-sign-in-state';

export function NoAccess({ name, username }: { name: string; username: string }) {
  const signOut = useSignOut();
  return (
    <section aria-labelledby="no-access-title" className="m-auto max-w-lg space-y-3 p-6">
      <h1 id="no-access-title" className="font-semibold text-base">
        You have no access to Huntboard yet
      </h1>
      <p>
        You are signed in as <strong>{name}</strong>
        {username && username !== name ? ` (${username})` : ''}, but your account holds none of Huntboard’s
        roles: {ROLES.join(', ')}.
      </p>
      <p className="text-muted">
        Ask your Huntboard administrator to assign you a role (in Entra ID: Enterprise applications →
        Huntboard → Users and groups). Then sign out and sign in again to pick it up.
      </p>
      <Button variant="primary" onClick={() => void signOut()}>
        Sign out
      </Button>
    </section>
  );
}
