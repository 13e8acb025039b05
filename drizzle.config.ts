// drizzle-kit's settings: `npm run db:generate` writes a migration for each change to lib/triage/schema.ts.
// The app applies them itself when it opens the store (lib/triage/open-store.ts), on PGlite and PostgreSQL.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/triage/schema.ts',
  out: './lib/triage/migrations',
});
