// Command line: starts the demo identity provider and keeps it running until interrupted.
// npx tsx lib/identity-provider/serve.ts [--port 9443] [--data-dir data/idp] [--app-origin http://localhost:3000 …]
//   [--access-token-ttl 900]
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { DEFAULT_APP_ORIGINS, startIdentityProvider } from './identity-provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9443' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: 'data/idp' },
    'app-origin': { type: 'string', multiple: true },
    'access-token-ttl': { type: 'string', default: '900' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}

const accessTokenTtlSeconds = Number(values['access-token-ttl']);
if (!Number.isInteger(accessTokenTtlSeconds) || accessTokenTtlSeconds < 10) {
  console.error(
    `--access-token-ttl must be a whole number of seconds, at least 10, not ${values['access-token-ttl']}`,
  );
  process.exit(2);
}

try {
  const idp = await startIdentityProvider({
    port,
    host: values.host,
    dataDir: values['data-dir'],
    appOrigins: values['app-origin'] ?? DEFAULT_APP_ORIGINS,
    accessTokenTtlSeconds,
  });
  console.log(`Demo identity provider: ${idp.issuer}`);
  console.log(`  client id ${idp.clientId}, audience ${idp.audience}, API scope ${idp.apiScope}`);
  console.log(`  trust its certificate in Node with NODE_EXTRA_CA_CERTS=${idp.caCertPath}`);
  console.log(
    `  users: ${DEMO_USERS.map((u) => `${u.login} (${u.roles.join(', ') || 'no role'})`).join(', ')}`,
  );
  console.log(`  password: ${DEMO_PASSWORD}`);
  const stop = () => {
    idp.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is in use: is the provider already running? Choose another with --port.`
      : `The identity provider did not start: ${(error as Error).message}`,
  );
  process.exit(1);
}
