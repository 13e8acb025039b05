// `npm run demo [-- --port 3000] [--idp-port 9443] [--rebuild] [--dev]`: the whole product on the embedded default.
// Starts the bundled identity provider, prepares the demo telemetry, builds the app when its sources changed
// since the last build, and serves the production build until interrupted.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { settings } from '@/lib/env';
import { DEMO_PASSWORD, DEMO_TENANT_ID, DEMO_USERS } from '@/lib/identity-provider/demo-users';
import { startIdentityProvider } from '@/lib/identity-provider/identity-provider';
import { prepareEmbeddedData } from '@/lib/sources/configured-source';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    'idp-port': { type: 'string', default: '9443' },
    rebuild: { type: 'boolean', default: false },
    /** The development server (hot reload) instead of a production build. */
    dev: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
const idpPort = Number(values['idp-port']);
for (const [flag, n] of [
  ['--port', port],
  ['--idp-port', idpPort],
] as const) {
  if (!Number.isInteger(n) || n < 1 || n > 65_535) fail(`${flag} must be a port number`);
}

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(2);
}

/** Newest modification time under the given paths, so a build is redone only when something changed. */
function newestChange(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of paths) visit(p);
  return newest;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function main() {
  const config = settings();
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const idp = await startIdentityProvider({
    port: idpPort,
    dataDir: path.join(config.HUNTBOARD_DATA_DIR, 'idp'),
    appOrigins: origins,
  }).catch((error: NodeJS.ErrnoException) =>
    fail(
      error.code === 'EADDRINUSE'
        ? `port ${idpPort} is in use; choose another with --idp-port`
        : `the identity provider did not start: ${error.message}`,
    ),
  );

  const description = await prepareEmbeddedData((line) => console.log(line));
  console.log(description);

  const buildId = path.join('.next', 'BUILD_ID');
  const sources = [
    'app',
    'components',
    'lib',
    'public',
    'proxy.ts',
    'instrumentation.ts',
    'tsconfig.json',
    'next.config.mjs',
    'package-lock.json',
    'postcss.config.mjs',
  ];
  if (
    !values.dev &&
    (values.rebuild || !existsSync(buildId) || newestChange(sources) > statSync(buildId).mtimeMs)
  ) {
    console.log('Building the app…');
    await run('npx', ['next', 'build'], process.env);
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_ISSUER: idp.issuer,
    AUTH_AUDIENCE: idp.audience,
    AUTH_CLIENT_ID: idp.clientId,
    AUTH_API_SCOPE: idp.apiScope,
    AUTH_TENANT_ID: DEMO_TENANT_ID,
    // The app fetches the provider's keys over TLS with the self-signed certificate made for it.
    NODE_EXTRA_CA_CERTS: idp.caCertPath,
  };
  const server = spawn('npx', ['next', values.dev ? 'dev' : 'start', '-p', String(port)], {
    stdio: 'inherit',
    env,
  });
  console.log(`\nHuntboard: http://localhost:${port}`);
  console.log(`Sign in as ${DEMO_USERS.map((u) => u.login).join(', ')} (password: ${DEMO_PASSWORD}).`);
  console.log(
    `Identity provider: ${idp.issuer} (self-signed certificate; your browser will ask to trust it).\n`,
  );

  const stop = () => {
    server.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  server.on('exit', async (code) => {
    await idp.close();
    process.exit(code ?? 0);
  });
}

main().catch((error: Error) => fail(error.message));
