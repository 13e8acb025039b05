// The verdict form the devices page opens: for whom (given, or the devices b/s/m point at) and from which
// status; only for triagers, once the hunt's verdicts are known, and never for no device.
'use client';
import { useState } from 'react';
import type { VerdictRequest } from '@/components/triage/verdict-dialog';
import type { VerdictStatus } from '@/lib/triage/types';
import type { DeviceRef } from './use-device-selection';

export function useVerdictRequests({
  enabled,
  subjects,
}: {
  /** A triager, a hunt, and its verdicts loaded. */
  enabled: boolean;
  /** Who a verdict applies to when the request names nobody. */
  subjects: () => DeviceRef[];
}) {
  const [request, setRequest] = useState<VerdictRequest | null>(null);
  const ask = (status: VerdictStatus | null, devices: readonly DeviceRef[] = subjects()) => {
    if (!enabled || devices.length === 0) return;
    setRequest({ devices, status });
  };
  return { request, ask, close: () => setRequest(null) };
}
