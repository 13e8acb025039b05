// A token bucket per user: each may start `perMinute` source calls in any minute, in bursts of up to that many.

export interface RateLimiter {
  /** Takes one token for `user`: 0 when granted, else the whole seconds until one is free. */
  take(user: string, nowMs: number): number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets kept before full (idle) ones are dropped: a full bucket is the same as no bucket. */
const MAX_BUCKETS = 10_000;

export function createRateLimiter(perMinute: number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;

  const refill = (bucket: Bucket, nowMs: number) => {
    const elapsed = Math.max(0, nowMs - bucket.updatedMs);
    bucket.tokens = Math.min(perMinute, bucket.tokens + elapsed * perMs);
    bucket.updatedMs = nowMs;
  };

  return {
    take(user, nowMs) {
      let bucket = buckets.get(user);
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) {
          for (const [key, b] of buckets) {
            refill(b, nowMs);
            if (b.tokens >= perMinute) buckets.delete(key);
          }
        }
        bucket = { tokens: perMinute, updatedMs: nowMs };
        buckets.set(user, bucket);
      }
      refill(bucket, nowMs);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}
