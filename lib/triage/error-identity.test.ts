// The store's errors are recognised by `instanceof` even when they come from another copy of their module:
// the configured store is shared through globalThis, and a separately bundled entry (instrumentation) or a
// module reloaded in development may have created it. Other errors are not mistaken for them.
import { describe, expect, it, vi } from 'vitest';

async function twoCopies<T>(path: string): Promise<[T, T]> {
  vi.resetModules();
  const first = (await import(/* @vite-ignore */ path)) as T;
  vi.resetModules();
  const second = (await import(/* @vite-ignore */ path)) as T;
  return [first, second];
}

describe('errors across module copies', () => {
  it('VersionConflictError and ExclusionNotFoundError', async () => {
    const [a, b] = await twoCopies<typeof import('./types')>('./types');
    expect(a.VersionConflictError).not.toBe(b.VersionConflictError);
    const conflict = new a.VersionConflictError(null);
    expect(conflict).toBeInstanceOf(b.VersionConflictError);
    expect(conflict).toBeInstanceOf(Error);
    expect(conflict).not.toBeInstanceOf(b.ExclusionNotFoundError);
    expect(new a.ExclusionNotFoundError('gone')).toBeInstanceOf(b.ExclusionNotFoundError);
    expect(new Error('other')).not.toBeInstanceOf(b.VersionConflictError);
    expect(null).not.toBeInstanceOf(b.VersionConflictError);
  });

  it('DataDirLockedError', async () => {
    const [a, b] = await twoCopies<typeof import('./data-dir-lock')>('./data-dir-lock');
    expect(new a.DataDirLockedError('held')).toBeInstanceOf(b.DataDirLockedError);
    expect(new Error('held')).not.toBeInstanceOf(b.DataDirLockedError);
  });
});
