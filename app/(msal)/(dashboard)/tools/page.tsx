// /tools: the RMM overview, every tool the fleet runs in a window. The view reads its window from the URL in
// the browser, so it renders inside a Suspense boundary.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ToolsView } from '@/components/tools/tools-view';

export const metadata: Metadata = { title: 'RMM tools' };

export default function ToolsPage() {
  return (
    <Suspense fallback={null}>
      <ToolsView />
    </Suspense>
  );
}
