// Typed call for one device's evidence: the events behind its row in a hunt run.
import { type DeviceEvidence, deviceEvidenceSchema } from '@/lib/hunts/device-evidence-result';
import { apiGet } from './api-client';

/** The same window and exclusions as the run on screen, so the events are the ones behind its row. */
export function fetchDeviceEvidence(
  huntId: string,
  deviceId: string,
  options: {
    lookback?: string | null;
    exclude?: readonly string[];
    limit?: number;
    signal?: AbortSignal;
  } = {},
): Promise<DeviceEvidence> {
  const params = new URLSearchParams();
  if (options.lookback) params.set('lookback', options.lookback);
  if (options.exclude?.length) params.set('exclude', options.exclude.join(','));
  if (options.limit !== undefined) params.set('limit', String(options.limit));
  const text = params.toString();
  return apiGet(
    `/api/hunts/${encodeURIComponent(huntId)}/devices/${encodeURIComponent(deviceId)}/events${text ? `?${text}` : ''}`,
    deviceEvidenceSchema,
    { signal: options.signal },
  );
}
