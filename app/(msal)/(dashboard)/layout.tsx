// Frame for the signed-in pages: the header bar above a full-height content area that only people with a
// Huntboard role get to see.
import type { ReactNode } from 'react';
import { AccessGate } from '@/components/auth/access-gate';
import { AppHeader } from '@/components/shell/app-header';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-dvh flex-col">
      <AppHeader />
      <main className="flex min-h-0 flex-1 flex-col">
        <AccessGate>{children}</AccessGate>
      </main>
    </div>
  );
}
