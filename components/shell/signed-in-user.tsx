// Where the signed-in analyst's name and role will show (MSAL); renders nothing until sign-in exists.
'use client';

export function SignedInUser() {
  return null;
}
