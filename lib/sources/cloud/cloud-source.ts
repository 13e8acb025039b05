// What the cloud sources (Defender XDR, Sentinel, Azure Data Explorer) have beyond the telemetry-source
// interface: the query is rewritten and checked before it leaves, and sending is separate from that, so that
// lib/sources/source-guard.ts can check, cache, share and ration in between.
import type { GuardableSource } from '@/lib/sources/source-guard';

export interface CloudSource extends GuardableSource {
  readonly id: 'defender' | 'sentinel' | 'adx';
}
