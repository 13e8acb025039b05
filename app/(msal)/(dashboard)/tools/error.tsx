// Last resort if the overview itself breaks while rendering (API failures are handled inside the page).
'use client';
import { PageError } from '@/components/shell/page-error';

export default function ToolsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError error={error} retry={retry} page="overview" drawing="the tools" />;
}
