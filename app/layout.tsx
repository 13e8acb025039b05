// The root document: global styles, metadata, and the theme applied before first paint.
import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { themeInitScript } from '@/components/shell/theme';
import { ThemeSync } from '@/components/shell/theme-sync';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Huntboard', template: '%s · Huntboard' },
  description: 'Hunt for abuse of remote management and monitoring tools (MITRE T1219).',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts makes a nonce for every request; the CSP runs only scripts that carry it. Reading it makes
  // every page render per request, which nonces require.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // The inline script sets the theme class on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script, no user input; it must run before paint. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="font-sans antialiased">
        <ThemeSync />
        {children}
      </body>
    </html>
  );
}
