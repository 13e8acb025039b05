import { afterEach, describe, expect, test, vi } from 'vitest';
import { startSchedule } from './recording-schedule';

afterEach(() => {
  vi.useRealTimers();
});

describe('startSchedule', () => {
  test('runs the task once per interval and never two rounds at once', async () => {
    vi.useFakeTimers();
    let active = 0;
    let maxActive = 0;
    let rounds = 0;
    let finish: (() => void) | undefined;
    const schedule = startSchedule(
      1_000,
      () =>
        new Promise<void>((resolve) => {
          active++;
          rounds++;
          maxActive = Math.max(maxActive, active);
          finish = () => {
            active--;
            resolve();
          };
        }),
      () => {},
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rounds).toBe(1);
    // The round is still going: three more ticks start nothing.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(rounds).toBe(1);
    finish?.();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rounds).toBe(2);
    expect(maxActive).toBe(1);
    finish?.();
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(rounds).toBe(2);
  });

  test('reports a failed round and tries again at the next tick', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let calls = 0;
    const schedule = startSchedule(
      500,
      async () => {
        calls++;
        if (calls === 1) throw new Error('source down');
      },
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    expect(errors.map((e) => (e as Error).message)).toEqual(['source down']);
    await schedule.stop();
  });
});
