// Says that some catalog files did not load, and on opening which and where: the hunts that did load are
// listed as usual, so a broken file must not go unnoticed.
'use client';
import { AlertIcon } from '@/components/ui/icons';
import type { CatalogProblemSummary } from '@/lib/hunts/hunt-run';

export function CatalogProblemsNotice({ problems }: { problems: readonly CatalogProblemSummary[] }) {
  if (!problems.length) return null;
  const count = problems.length === 1 ? '1 catalog file' : `${problems.length} catalog files`;
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded bg-warning-soft px-1.5 py-px font-medium text-warning text-xs">
        <AlertIcon size={12} />
        {count} did not load
      </summary>
      <ul className="absolute top-full left-0 z-20 mt-1 max-h-80 w-[40rem] max-w-[90vw] overflow-auto rounded border border-line bg-surface p-2 text-xs shadow-lg">
        {problems.map((p) => (
          <li key={`${p.file}:${p.line}:${p.column}`} className="py-0.5">
            <span className="font-mono">
              {p.file}:{p.line}:{p.column}
            </span>{' '}
            <span className="text-muted">{p.cause === 'duplicate' ? 'duplicate id' : p.cause}:</span>{' '}
            {p.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
