// /audit: who changed which verdict or exclusion, when and why. The view reads its filters from the URL in the
// browser, so it renders inside a Suspense boundary.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditView } from '@/components/audit/audit-view';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditPage() {
  return (
    <Suspense fallback={<p className="p-3 text-muted">Loading the audit log…</p>}>
      <AuditView />
    </Suspense>
  );
}
