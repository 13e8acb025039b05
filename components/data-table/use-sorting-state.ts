// A table sorted by one column, the sort held by the caller (the URL), as TanStack's sorting state: kept
// stable while the sort stays the same (TanStack sorts the rows again whenever it changes identity), and a
// header click handed back as the caller's sort (the fallback when TanStack would leave the table unsorted).
'use client';
import type { OnChangeFn, SortingState } from '@tanstack/react-table';
import { useMemo } from 'react';

interface Sort<Id extends string> {
  id: Id;
  desc: boolean;
}

export function useSortingState<Id extends string>(
  sort: Sort<Id>,
  fallback: Sort<Id>,
  onChange: (sort: Sort<Id>) => void,
): { sorting: SortingState; onSortingChange: OnChangeFn<SortingState> } {
  const { id, desc } = sort;
  const sorting = useMemo<SortingState>(() => [{ id, desc }], [id, desc]);
  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater;
    const first = next[0];
    onChange(first ? { id: first.id as Id, desc: first.desc } : fallback);
  };
  return { sorting, onSortingChange };
}
