// The page links in the header; the current page is marked for sight and for screen readers.
'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Add Trends, Triage and Settings here as their pages land. */
const NAV_ITEMS = [{ href: '/devices', label: 'Devices' }] as const;

export function MainNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex items-center gap-1">
        {NAV_ITEMS.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className="rounded px-2 py-1 text-muted hover:bg-surface-2 hover:text-fg aria-[current=page]:bg-surface-2 aria-[current=page]:font-medium aria-[current=page]:text-fg"
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
