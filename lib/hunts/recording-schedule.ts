// Runs a task on a fixed interval without overlapping itself: a slow round delays the next instead of
// stacking up, and a failed round is reported and retried at the next tick. The timer never keeps the
// process alive on its own.

export interface RecordingSchedule {
  /** Stops the schedule; resolves when a round in progress has finished. */
  stop(): Promise<void>;
}

export function startSchedule(
  intervalMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): RecordingSchedule {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = task()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
