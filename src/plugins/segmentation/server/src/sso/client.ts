/**
 * The OpenID Connect client of sign-in with UiTID, on openid-client: discovery of the issuer (kept
 * once found), the authorization URL (code flow, PKCE S256, state, nonce), and the code exchange,
 * where openid-client checks the state, the issuer (`iss` of the response and the ID token), the
 * audience, the nonce, the ID token's signature and times, and the PKCE verifier.
 */
import * as oidc from 'openid-client';
import type { PluginConfig } from '../config';

type UitidConfig = PluginConfig['uitid'];

const discovered = new Map<string, Promise<oidc.Configuration>>();

/** The issuer's configuration (discovery is fetched once per issuer and client; a failure is not kept). */
export function issuerConfig(config: UitidConfig): Promise<oidc.Configuration> {
  const key = `${config.issuer}|${config.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    // Plain http only for a local issuer (the demo and the tests).
    const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/i.test(config.issuer);
    found = oidc.discovery(
      new URL(config.issuer),
      config.clientId,
      config.clientSecret,
      undefined,
      local ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

export interface StartedFlow {
  url: string;
  state: string;
  verifier: string;
  nonce: string;
}

export async function authorizationUrl(config: UitidConfig, redirectUri: string): Promise<StartedFlow> {
  const issuer = await issuerConfig(config);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(issuer, {
    redirect_uri: redirectUri,
    scope: config.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state, verifier, nonce };
}

/** What the issuer says about the person. */
export interface Person {
  issuer: string;
  sub: string;
  email: string | null;
  /** The issuer's `email_verified`; null when it does not say. */
  emailVerified: boolean | null;
  firstname: string;
  lastname: string;
}

/** Exchanges the code of `callbackUrl` (the full URL the issuer sent the browser to); throws on any failed check. */
export async function exchangeCode(config: UitidConfig, callbackUrl: URL, flow: { state: string; verifier: string; nonce: string }): Promise<Person> {
  const issuer = await issuerConfig(config);
  const tokens = await oidc.authorizationCodeGrant(issuer, callbackUrl, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('The issuer sent no ID token');
  let info: Record<string, unknown> = claims;
  if (!claims.email) info = { ...(await oidc.fetchUserInfo(issuer, tokens.access_token, claims.sub)), ...claims };
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return {
    issuer: issuer.serverMetadata().issuer,
    sub: claims.sub,
    email: text(info.email).toLowerCase() || null,
    emailVerified: info.email_verified === undefined ? null : info.email_verified === true || info.email_verified === 'true',
    firstname: text(info.given_name),
    lastname: text(info.family_name),
  };
}
