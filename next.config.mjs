/** Headers for what proxy.ts does not see (build output); it sets the full set, CSP included, on the rest. */
const staticAssetHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and self-loading packages must be required at run time, not bundled.
  serverExternalPackages: [
    '@duckdb/node-api',
    '@duckdb/node-bindings',
    '@kusto/language-service-next',
    // PGlite loads its WebAssembly build and data files from its own folder at run time.
    '@electric-sql/pglite',
  ],
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/_next/static/:path*', headers: staticAssetHeaders },
      { source: '/_next/image', headers: staticAssetHeaders },
    ];
  },
};

export default nextConfig;
