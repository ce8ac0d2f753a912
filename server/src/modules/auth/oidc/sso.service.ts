import type { Configuration } from 'openid-client';
import type { Config } from '../../../config';
import { loadOpenIdClient } from './openid-client';

type OidcConfig = NonNullable<Config['oidc']>;

/** What the provider says about the person (ProConnect's claims), each null when not sent. */
export interface SsoIdentity {
  subject: string;
  email: string | null;
  givenName: string | null;
  usualName: string | null;
  /** The agent's identifier at their identity provider. */
  uid: string | null;
  /** Their organisation's SIRET. */
  siret: string | null;
}

/** What the callback must check: kept in the session between the two legs. */
export interface PendingSso {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const TIMEOUT_SECONDS = 10;

/** The OpenID Connect relying party: authorization code flow with PKCE, state and nonce. */
export class SsoService {
  private discovered: Promise<Configuration> | undefined;

  constructor(private readonly oidc: OidcConfig) {}

  /** The provider's metadata, read once; a failed discovery is retried on the next call. */
  configuration(): Promise<Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  /** Where to send the browser, and the secrets the callback will need. */
  async start(callbackUrl: string): Promise<{ url: string; pending: PendingSso }> {
    const [client, configuration] = await Promise.all([loadOpenIdClient(), this.configuration()]);
    const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: callbackUrl,
      scope: this.oidc.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /**
   * Checks the provider's answer (state, then the code exchanged with PKCE, then the ID token's
   * nonce) and reads the claims: ProConnect sends them from the userinfo endpoint, as a signed JWT.
   */
  async finish(currentUrl: URL, pending: PendingSso): Promise<SsoIdentity> {
    const [client, configuration] = await Promise.all([loadOpenIdClient(), this.configuration()]);
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      pkceCodeVerifier: pending.codeVerifier,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('The provider sent no ID token');
    const claims: Record<string, unknown> = { ...idToken };
    if (configuration.serverMetadata().userinfo_endpoint) {
      Object.assign(claims, await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub));
    }
    const text = (name: string) => {
      const value = claims[name];
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
    };
    return {
      subject: idToken.sub,
      email: text('email')?.toLowerCase() ?? null,
      givenName: text('given_name'),
      usualName: text('usual_name') ?? text('family_name'),
      uid: text('uid'),
      siret: text('siret'),
    };
  }

  private async discover(): Promise<Configuration> {
    const client = await loadOpenIdClient();
    const issuer = new URL(this.oidc.issuer);
    return client.discovery(issuer, this.oidc.clientId, this.oidc.clientSecret ?? undefined, undefined, {
      timeout: TIMEOUT_SECONDS,
      // Plain HTTP only for a provider configured on http:// (local tests); never for https://.
      execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    });
  }
}
