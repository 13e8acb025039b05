// Frame for the signed-in pages: the header bar above a full-height content area.
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/shell/app-header';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-dvh flex-col">
      <AppHeader />
      <main className="flex min-h-0 flex-1 flex-col">{children}</main>
    </div>
  );
}
