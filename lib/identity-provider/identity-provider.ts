// The bundled OpenID Connect provider (oidc-provider over HTTPS) that the demo and the tests sign in with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Provider, { type Account, errors, type KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_PASSWORD, DEMO_TENANT_ID, type DemoUser, findDemoUser } from './demo-users';
import { ensureProviderSecrets } from './signing-keys';
import { ensureTlsCertificate } from './tls-certificate';

/** The SPA's client id at the demo provider (AUTH_CLIENT_ID). */
export const DEMO_CLIENT_ID = 'huntboard-spa';
/** The audience of access tokens for Huntboard's API (AUTH_AUDIENCE); also the resource indicator. */
export const DEMO_AUDIENCE = 'api://huntboard';
/** The scope name tokens carry, as Entra ID puts it in `scp`. */
export const DEMO_SCOPE_NAME = 'huntboard.access';
/** What the browser asks for (AUTH_API_SCOPE): Entra ID's `<application id URI>/<scope name>` form. */
export const DEMO_API_SCOPE = `${DEMO_AUDIENCE}/${DEMO_SCOPE_NAME}`;
/** The app's path the provider sends the browser back to after sign-in (MSAL 5's redirect bridge). */
export const REDIRECT_PATH = '/auth/redirect';
/** Paths of the app the provider may send the browser back to after sign-out. */
export const POST_LOGOUT_PATHS = ['/', '/sign-in'] as const;
/** The app's origins in the demo (port 3000) and the end-to-end tests (port 3210). */
export const DEFAULT_APP_ORIGINS = [3000, 3210].flatMap((port) => [
  `http://localhost:${port}`,
  `http://127.0.0.1:${port}`,
]);

export interface IdentityProviderOptions {
  /** HTTPS port; 0 picks a free one (tests). Default 9443. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1 (the issuer is still https://localhost:<port>). */
  host?: string;
  /** Where the certificate and keys are kept. Default data/idp (git-ignored). */
  dataDir?: string;
  /** Origins of the app, each allowed as redirect and post-logout target. */
  appOrigins?: readonly string[];
  /** Lifetime of access tokens; short in tests of silent renewal. Default 15 minutes. */
  accessTokenTtlSeconds?: number;
}

export interface RunningIdentityProvider {
  /** The issuer, exactly as it appears in `iss` and as AUTH_ISSUER must name it. */
  issuer: string;
  port: number;
  jwksUri: string;
  clientId: string;
  audience: string;
  apiScope: string;
  dataDir: string;
  /** The certificate to trust: NODE_EXTRA_CA_CERTS for Node processes that call the provider. */
  caCertPath: string;
  caCert: string;
  close(): Promise<void>;
}

export async function startIdentityProvider(
  options: IdentityProviderOptions = {},
): Promise<RunningIdentityProvider> {
  const dataDir = path.resolve(options.dataDir ?? path.join('data', 'idp'));
  const appOrigins = (options.appOrigins ?? DEFAULT_APP_ORIGINS).map(normaliseOrigin);
  const [tls, secrets] = await Promise.all([ensureTlsCertificate(dataDir), ensureProviderSecrets(dataDir)]);

  // The issuer must be known before the provider exists, and with port 0 it is known only after listen().
  let handle: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    if (handle) handle(request, response);
    else response.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9443, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `https://localhost:${port}`;

  const provider = new Provider(
    issuer,
    configuration({ appOrigins, secrets, ttl: options.accessTokenTtlSeconds }),
  );
  provider.use(checkDemoPassword(provider));
  provider.use(adjustPages);
  handle = provider.callback();

  return {
    issuer,
    port,
    jwksUri: `${issuer}/jwks`,
    clientId: DEMO_CLIENT_ID,
    audience: DEMO_AUDIENCE,
    apiScope: DEMO_API_SCOPE,
    dataDir,
    caCertPath: tls.certPath,
    caCert: tls.cert,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface ConfigurationInput {
  appOrigins: string[];
  secrets: Awaited<ReturnType<typeof ensureProviderSecrets>>;
  ttl: number | undefined;
}

function configuration({ appOrigins, secrets, ttl }: ConfigurationInput): Record<string, unknown> {
  const accessTokenTtl = ttl ?? 15 * 60;
  const day = 24 * 60 * 60;
  return {
    clients: [
      {
        client_id: DEMO_CLIENT_ID,
        client_name: 'Huntboard',
        application_type: 'web',
        // A single-page app cannot keep a secret: PKCE protects its authorization codes instead.
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: appOrigins.map((origin) => origin + REDIRECT_PATH),
        post_logout_redirect_uris: appOrigins.flatMap((origin) =>
          POST_LOGOUT_PATHS.map((logoutPath) => (logoutPath === '/' ? `${origin}/` : origin + logoutPath)),
        ),
      },
    ],
    jwks: secrets.jwks,
    cookies: { keys: secrets.cookieKeys },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    // `roles`, `oid` and `tid` ride on `openid` so that the ID token always tells the UI who signed in.
    claims: {
      openid: ['sub', 'roles', 'oid', 'tid'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    // Put the scope's claims in the ID token itself rather than only at userinfo, as Entra ID does.
    conformIdTokenClaims: false,
    async findAccount(_ctx: unknown, sub: string): Promise<Account | undefined> {
      const user = findDemoUser(sub);
      return user && { accountId: user.login, claims: () => ({ sub: user.login, ...profileClaims(user) }) };
    },
    async extraTokenClaims(_ctx: unknown, token: { accountId?: string }) {
      const user = token.accountId ? findDemoUser(token.accountId) : undefined;
      if (!user) return undefined;
      const { roles, oid, tid, name, preferred_username } = profileClaims(user);
      return { roles, oid, tid, name, preferred_username };
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Browsers using MSAL send no `resource` parameter: every token is for Huntboard's API.
        defaultResource: async (_ctx: unknown, _client: unknown, oneOf?: string) => oneOf ?? DEMO_AUDIENCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, resource: string) => {
          if (resource !== DEMO_AUDIENCE) throw new errors.InvalidTarget(`unknown resource ${resource}`);
          return {
            // Both spellings are accepted so that MSAL can ask the way it asks Entra ID.
            scope: `${DEMO_SCOPE_NAME} ${DEMO_API_SCOPE}`,
            audience: DEMO_AUDIENCE,
            accessTokenTTL: accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    formats: { customizers: { jwt: shortenScopes } },
    clientBasedCORS: (_ctx: unknown, origin: string) => appOrigins.includes(origin),
    renderError,
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: day,
      Grant: day,
      RefreshToken: refreshTokenTtl,
    },
  };
}

/** One day from sign-in, like an Entra ID single-page app's refresh token; rotation does not extend it. */
function refreshTokenTtl(ctx: {
  oidc?: { entities?: { RotatedRefreshToken?: { remainingTTL: number } } };
}): number {
  return ctx?.oidc?.entities?.RotatedRefreshToken?.remainingTTL ?? 24 * 60 * 60;
}

function profileClaims(user: DemoUser) {
  return {
    name: user.name,
    preferred_username: user.email,
    email: user.email,
    roles: [...user.roles],
    oid: user.oid,
    tid: DEMO_TENANT_ID,
  };
}

/**
 * Access tokens name the API scope the way Entra ID's `scp` does (`huntboard.access`), whichever spelling
 * the client asked for, so the API checks one name against either provider.
 */
async function shortenScopes(_ctx: unknown, _token: unknown, jwt: { payload: Record<string, unknown> }) {
  const { scope } = jwt.payload;
  if (typeof scope !== 'string') return;
  const names = scope.split(' ').map((value) => (value === DEMO_API_SCOPE ? DEMO_SCOPE_NAME : value));
  jwt.payload.scope = [...new Set(names)].join(' ');
}

/**
 * devInteractions accepts any login and ignores the password; here only demo users with the demo password
 * get in, so that a typo shows up as a refusal rather than as a token without roles.
 */
function checkDemoPassword(provider: Provider) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    const uid = /^\/interaction\/([^/]+)$/.exec(ctx.path)?.[1];
    if (ctx.method !== 'POST' || !uid) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res).catch(() => undefined);
    // Consent, and anything the provider should refuse itself, goes on to devInteractions untouched.
    if (details?.prompt.name !== 'login') return next();
    const form = new URLSearchParams(await readBody(ctx.req));
    const user = findDemoUser(form.get('login') ?? '');
    if (form.get('prompt') !== 'login' || !user || form.get('password') !== DEMO_PASSWORD) {
      ctx.status = 303;
      ctx.redirect(`/interaction/${encodeURIComponent(uid)}?failed=1`);
      return;
    }
    const returnTo = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: user.login } },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(returnTo);
  };
}

/** The provider's pages import a web font; offline that request only stalls them, so it is removed. */
async function adjustPages(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  await next();
  if (typeof ctx.body !== 'string' || !ctx.response.get('content-type').startsWith('text/html')) return;
  let html = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
  if (ctx.method === 'GET' && html.includes('name="prompt" value="login"')) {
    const failed = ctx.query.failed === '1';
    const notice = [
      failed ? '<p role="alert" style="color:#b00020">Unknown user or wrong password.</p>' : '',
      `<p class="login-help">Demo users: analyst, triager, manager, nobody. Password: ${DEMO_PASSWORD}</p>`,
    ].join('');
    html = html.replace('<form', `${notice}<form`);
  }
  ctx.body = html;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('login form too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:40px auto;max-width:28rem;color:#222}
button{display:block;width:100%;margin:8px 0;padding:8px;font-weight:600;cursor:pointer}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string) {
  // Same buttons as oidc-provider's own page, so that tests written against either keep working.
  ctx.body = page(
    'Sign out of the Huntboard demo provider?',
    `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
  ctx.body = page('Sign-out Success', '<p>You are signed out of the Huntboard demo provider.</p>');
}

async function renderError(ctx: KoaContextWithOIDC, out: Record<string, string>) {
  ctx.type = 'html';
  const rows = Object.entries(out)
    .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`)
    .join('');
  ctx.body = page('Sign-in failed', rows);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function normaliseOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.pathname !== '/' || url.search || url.hash) throw new Error(`Not an origin: ${origin}`);
  return url.origin;
}
