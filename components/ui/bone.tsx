// A placeholder box of a skeleton: the size of what will stand there, pulsing, hidden from screen readers.
export function Bone({ className }: { className: string }) {
  return <span aria-hidden="true" className={`block animate-pulse rounded bg-skeleton ${className}`} />;
}
