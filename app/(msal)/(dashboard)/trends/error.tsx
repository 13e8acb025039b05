// Last resort if the Trends page itself breaks while rendering (API failures are handled inside the page and
// never reach here): say so plainly and offer to try again.
'use client';
import { PageError } from '@/components/shell/page-error';

export default function TrendsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError error={error} retry={retry} page="Trends" drawing="the charts" />;
}
