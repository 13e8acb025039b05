/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and self-loading packages must be required at run time, not bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', '@kusto/language-service-next'],
  poweredByHeader: false,
};

export default nextConfig;
