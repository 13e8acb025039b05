// Last resort if the devices page itself breaks while rendering (API failures are handled inside
// the page and never reach here): say so plainly and offer to try again.
'use client';
import { PageError } from '@/components/shell/page-error';

export default function DevicesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError error={error} retry={retry} page="devices" drawing="the results" />;
}
