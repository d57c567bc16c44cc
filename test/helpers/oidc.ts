/**
 * A real OpenID Connect provider (oidc-provider, scripts/oidc-provider.mjs) for the tests of sign-in
 * with UiTID, in a child process (it is an ES module, which Jest's loader cannot run on Node 20).
 * `signIn` goes through its own login page over HTTP, as a browser would, and returns the URL the
 * provider sends the browser back to (the app's callback with `code`, `state` and `iss`).
 */
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { freePort } from './net';

export interface Account {
  email: string;
  given_name?: string;
  family_name?: string;
  /** Default true. */
  email_verified?: boolean;
}

export interface TestOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The app's environment pointing at this provider. */
  env: Record<string, string>;
  setAccounts(accounts: Record<string, Account>): Promise<void>;
  /** The lifetime of authorization codes from now on, in seconds. */
  setCodeTtl(seconds: number): Promise<void>;
  /** Logs `login` in at the provider for the authorization request `authUrl`; the redirect back to the app. */
  signIn(authUrl: string, login: string): Promise<URL>;
  stop(): Promise<void>;
}

const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'oidc-provider.mjs');

export async function startOidc(opts: { redirectUri: string; accounts: Record<string, Account> }): Promise<TestOidc> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'uitpas-tool-test';
  const clientSecret = 'test-secret-0123456789';
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: {
      ...process.env,
      OIDC_PORT: String(port),
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URIS: opts.redirectUri,
      OIDC_ACCOUNTS: JSON.stringify(opts.accounts),
      OIDC_CONTROL: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('oidc-provider ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}): ${errors}`)));
  });

  const control = async (change: object) => {
    const res = await fetch(`${issuer}/__control`, { method: 'POST', body: JSON.stringify(change) });
    if (res.status !== 204) throw new Error(`oidc-provider control: ${res.status}`);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    env: { UITID_ISSUER: issuer, UITID_CLIENT_ID: clientId, UITID_CLIENT_SECRET: clientSecret },
    setAccounts: (accounts) => control({ accounts }),
    setCodeTtl: (codeTtl) => control({ codeTtl }),
    async signIn(authUrl, login) {
      const cookies = new Map<string, string>();
      const go = async (url: string, init: RequestInit = {}) => {
        const res = await fetch(url, {
          ...init,
          redirect: 'manual',
          headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const at = pair!.indexOf('=');
          cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
        }
        return res;
      };
      let res = await go(authUrl);
      let location = new URL(res.headers.get('location')!, issuer);
      const page = await (await go(location.href)).text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      if (!action) throw new Error(`No login form at the provider: ${page.slice(0, 300)}`);
      res = await go(new URL(action.replace(/&amp;/g, '&'), issuer).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
      });
      // Back through the provider's resume URL(s) until it redirects to the app.
      for (let hops = 0; hops < 5; hops++) {
        location = new URL(res.headers.get('location')!, issuer);
        if (location.origin !== issuer) return location;
        res = await go(location.href);
      }
      throw new Error('The provider did not send the browser back to the app');
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
