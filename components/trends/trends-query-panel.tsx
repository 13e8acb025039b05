// The exact KQL the trends ran on the source, one block per query.
import { QueryPanel } from '@/components/hunts/query-panel';
import type { TrendReport } from '@/lib/trends/trend-report';

const BLOCKS: { key: Exclude<keyof TrendReport['kql'], 'impact'>; title: string }[] = [
  { key: 'daily', title: 'Events and devices per day' },
  { key: 'firstSeen', title: 'Devices seen for the first time, per day' },
  { key: 'deviceDays', title: 'Events per device and day (verdict mix, first flags)' },
  { key: 'topDevices', title: 'Top devices' },
];

export function TrendsQueryPanel({ id, kql }: { id: string; kql: TrendReport['kql'] | null }) {
  return (
    <QueryPanel
      id={id}
      label="Queries that ran"
      blocks={kql ? BLOCKS.map(({ key, title }) => ({ title, text: kql[key] })) : null}
      pending="The queries show here once the trends have loaded."
    />
  );
}
