// Every page that knows who is signed in (the sign-in page and the dashboard) runs inside MSAL's provider.
// The provider's settings are read here on the server at request time and passed down as plain props, so
// one build serves any identity provider; nothing secret is among them. Inside it, the one query cache that
// holds what the pages read from the API. The pages keep their view in the URL through nuqs, whose adapter
// for the App Router wraps them all.
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import type { ReactNode } from 'react';
import { AuthProvider } from '@/components/auth/auth-provider';
import { QueryProvider } from '@/components/query/query-provider';
import { browserAuthConfig } from '@/lib/auth/msal-config';
import { authSettings } from '@/lib/env';

export default function SignedInAppLayout({ children }: { children: ReactNode }) {
  return (
    <NuqsAdapter>
      <AuthProvider config={browserAuthConfig(authSettings())}>
        <QueryProvider>{children}</QueryProvider>
      </AuthProvider>
    </NuqsAdapter>
  );
}
