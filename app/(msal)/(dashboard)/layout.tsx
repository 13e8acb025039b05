// Frame for the signed-in pages: a skip link, the header bar above a full-height content area that only people with a
// Huntboard role get to see.
import type { ReactNode } from 'react';
import { AccessGate } from '@/components/auth/access-gate';
import { AppHeader } from '@/components/shell/app-header';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-dvh flex-col">
      {/* The first stop for the keyboard: past the header's menus straight to the page. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-1.5 focus:font-medium focus:shadow"
      >
        Skip to main content
      </a>
      <AppHeader />
      <main id="main" tabIndex={-1} className="flex min-h-0 flex-1 flex-col focus:outline-none">
        <AccessGate>{children}</AccessGate>
      </main>
    </div>
  );
}
