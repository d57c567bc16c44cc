/**
 * A local OpenID Connect provider (oidc-provider) standing in for UiTID: `npm run demo` starts it
 * with the demo accounts, and the tests start it as a child process (test/helpers/oidc.ts).
 * Its own development login page takes any known login name (the password is not checked).
 *
 * Environment: OIDC_PORT, OIDC_ISSUER (default http://127.0.0.1:<port>), OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (comma-separated), OIDC_ACCOUNTS (JSON: login → claims),
 * OIDC_CONTROL=1 (tests only: POST /__control changes accounts and the code lifetime).
 * Prints `oidc-provider ready <issuer>` once it listens.
 */
import http from 'node:http';
import Provider from 'oidc-provider';

/** The demo accounts: login name → claims (the login name is the `sub`). */
export const DEMO_ACCOUNTS = {
  'an.peeters': { email: 'an.peeters@cultuurcentrum.test', given_name: 'An', family_name: 'Peeters' },
  'jonas.maes': { email: 'jonas.maes@bibliotheek.test', given_name: 'Jonas', family_name: 'Maes' },
  'info.gedeeld': { email: 'info@cultuurcentrum.test', given_name: 'Gedeeld', family_name: 'Account' },
};

export function createProvider({ issuer, clientId, clientSecret, redirectUris, accounts, codeTtl = 60 }) {
  const state = { accounts, codeTtl };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    async findAccount(_ctx, id) {
      const account = state.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const name = [account.given_name, account.family_name].filter(Boolean).join(' ');
          return { sub: id, email_verified: true, name, ...account };
        },
      };
    },
    // The demo asks no consent: the one client gets the scopes it asks for.
    async loadExistingGrant(ctx) {
      const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    ttl: { AuthorizationCode: () => state.codeTtl },
    cookies: { keys: ['demo-only-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  return { provider, state };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export async function startProvider(env = process.env) {
  const port = Number(env.OIDC_PORT ?? 4011);
  const issuer = env.OIDC_ISSUER || `http://127.0.0.1:${port}`;
  const { provider, state } = createProvider({
    issuer,
    clientId: env.OIDC_CLIENT_ID ?? 'uitpas-tool',
    clientSecret: env.OIDC_CLIENT_SECRET ?? 'demo-secret',
    redirectUris: (env.OIDC_REDIRECT_URIS ?? 'http://localhost:1337/api/segmentation/uitid/callback').split(','),
    accounts: env.OIDC_ACCOUNTS ? JSON.parse(env.OIDC_ACCOUNTS) : DEMO_ACCOUNTS,
    codeTtl: Number(env.OIDC_CODE_TTL ?? 60),
  });
  const callback = provider.callback();
  const server = http.createServer(async (req, res) => {
    if (env.OIDC_CONTROL === '1' && req.method === 'POST' && req.url === '/__control') {
      const change = JSON.parse(await readBody(req));
      if (change.accounts) state.accounts = change.accounts;
      if (change.codeTtl) state.codeTtl = change.codeTtl;
      res.writeHead(204).end();
      return;
    }
    callback(req, res);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  console.log(`oidc-provider ready ${issuer}`);
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startProvider().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
