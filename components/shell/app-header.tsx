// The bar across the top of every signed-in page: product name, navigation, theme, user.
import Link from 'next/link';
import { MainNav } from './main-nav';
import { SignedInUser } from './signed-in-user';
import { ThemeSwitch } from './theme-switch';

export function AppHeader() {
  return (
    <header className="flex h-10 shrink-0 items-center gap-4 border-line border-b bg-surface px-3">
      <Link
        href="/devices"
        className="flex items-center gap-1.5 rounded font-semibold text-[14px] tracking-tight"
      >
        <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-accent" />
        Huntboard
      </Link>
      <MainNav />
      <div className="ml-auto flex items-center gap-3">
        <ThemeSwitch />
        <SignedInUser />
      </div>
    </header>
  );
}
