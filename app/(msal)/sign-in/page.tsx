// /sign-in: the one page open to everybody. `returnTo` is where to go afterwards (a Huntboard page only).
import type { Metadata } from 'next';
import { safeReturnTo } from '@/components/auth/return-to';
import { SignInPanel } from '@/components/auth/sign-in-panel';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ returnTo?: string | string[] }>;
}) {
  const { returnTo } = await searchParams;
  return <SignInPanel returnTo={safeReturnTo(typeof returnTo === 'string' ? returnTo : null)} />;
}
