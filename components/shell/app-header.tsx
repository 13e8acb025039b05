// The bar across the top of every signed-in page: product name, navigation, theme, user. On a phone the
// navigation takes a second line of its own, so Sign out stays on screen.
import Link from 'next/link';
import { MainNav } from './main-nav';
import { SignedInUser } from './signed-in-user';
import { ThemeSwitch } from './theme-switch';

export function AppHeader() {
  return (
    <header className="flex min-h-10 shrink-0 flex-wrap items-center gap-x-4 border-line border-b bg-surface px-3 max-md:pt-1.5">
      <Link
        href="/devices"
        className="flex shrink-0 items-center gap-1.5 rounded font-semibold text-[14px] tracking-tight"
      >
        <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-accent" />
        Huntboard
      </Link>
      <MainNav className="max-md:order-last max-md:-mx-3 max-md:w-[calc(100%+1.5rem)] max-md:border-line max-md:border-t max-md:px-2 max-md:py-1" />
      {/* No width of its own in the wrapping: it takes what the name leaves, and the name gives way first. */}
      <div className="flex min-w-0 flex-1 basis-0 items-center justify-end gap-3">
        <ThemeSwitch />
        <SignedInUser />
      </div>
    </header>
  );
}
