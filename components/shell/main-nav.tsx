// The page links in the header, each shown only to the roles that may use it; the current page is
// marked for sight and for screen readers.
'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useRoles } from '@/components/auth/use-sign-in-state';
import { hasAnyRole, type Role } from '@/lib/auth/roles';

interface NavItem {
  href: string;
  label: string;
  /** Who sees the link; the API enforces the same rule on the data behind it. */
  roles: readonly Role[];
}

const NAV_ITEMS: readonly NavItem[] = [
  { href: '/tools', label: 'Overview', roles: ['Analyst', 'Triager', 'Manager'] },
  { href: '/devices', label: 'Devices', roles: ['Analyst', 'Triager', 'Manager'] },
  { href: '/trends', label: 'Trends', roles: ['Analyst', 'Triager', 'Manager'] },
  { href: '/audit', label: 'Audit log', roles: ['Triager', 'Manager'] },
];

export function MainNav({ className = '' }: { className?: string }) {
  const pathname = usePathname();
  const roles = useRoles();
  const items = NAV_ITEMS.filter((item) => hasAnyRole(roles, item.roles));
  if (items.length === 0) return null;
  return (
    <nav aria-label="Main" className={`overflow-x-auto ${className}`}>
      <ul className="flex items-center gap-1">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className="block whitespace-nowrap rounded px-2 py-1 text-muted hover:bg-surface-2 hover:text-fg aria-[current=page]:bg-surface-2 aria-[current=page]:font-medium aria-[current=page]:text-fg"
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
