// /auth/redirect: where the identity provider sends the browser back (MSAL 5's redirect bridge). It sits
// outside app/(msal), so no MsalProvider runs here, as MSAL requires.
import type { Metadata } from 'next';
import { RedirectBridge } from '@/components/auth/redirect-bridge';

export const metadata: Metadata = { title: 'Signing in', robots: { index: false } };

export default function RedirectBridgePage() {
  return (
    <main className="flex min-h-dvh">
      <RedirectBridge />
    </main>
  );
}
