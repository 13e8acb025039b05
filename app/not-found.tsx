// Shown for any URL that matches no page.
import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="grid min-h-full place-items-center p-8">
      <div className="max-w-md space-y-3 text-center">
        <p className="font-mono text-muted text-xs">404</p>
        <h1 className="font-semibold text-base">This page does not exist</h1>
        <p className="text-muted">
          The link may be old or mistyped. The devices view lists every hunt&rsquo;s results.
        </p>
        <Link
          href="/devices"
          className="inline-flex h-7 items-center rounded-md bg-accent px-3 font-medium text-accent-fg hover:bg-accent-hover"
        >
          Go to Devices
        </Link>
      </div>
    </main>
  );
}
