import { loadConfig } from '../../server/src/config';
import { usernameFromEmail } from '../../server/src/modules/auth/oidc/sso-accounts';
import { safeRedirect } from '../../server/src/modules/auth/oidc/sso.routes';

describe('safeRedirect', () => {
  it.each(['/', '/inventaire', '/equipment?q=pc&page=2', '/tickets/12#history'])('keeps the path %s on this site', (path) => {
    expect(safeRedirect(path)).toBe(path);
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative address', '//evil.example/x'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['a relative path', 'inventaire'],
    ['a header injection', '/x\r\nSet-Cookie: a=b'],
    ['a control character', '/x\u0000y'],
    ['a javascript: address', 'javascript:alert(1)'],
    ['an array from the query string', ['/a', '/b']],
    ['nothing', undefined],
  ])('goes home instead of %s', (_what, raw) => {
    expect(safeRedirect(raw)).toBe('/');
  });
});

describe('usernameFromEmail', () => {
  it.each([
    ['Jean-Pierre.Durand@ac-reunion.fr', 'jean-pierre.durand'],
    ["Élodie.O'Brien@ac-lyon.fr", 'elodie.obrien'],
    ['ce.0974001a@ac-reunion.fr', 'ce.0974001a'],
    ['jo@mairie.fr', 'joagent'],
    [`${'a'.repeat(80)}@x.fr`, 'a'.repeat(60)],
  ])('turns %s into %s', (email, username) => {
    expect(usernameFromEmail(email)).toBe(username);
    expect(username).toMatch(/^[a-z0-9._-]{3,60}$/);
  });
});

describe('single sign-on configuration', () => {
  it('is off without OIDC_ISSUER', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).oidc).toBeNull();
  });

  it('refuses an issuer without a client id', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2' } as NodeJS.ProcessEnv)).toThrow(
      /OIDC_CLIENT_ID: OIDC_CLIENT_ID is required when OIDC_ISSUER is set/,
    );
  });

  it('asks for ProConnect’s claims by default', () => {
    const config = loadConfig({ OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2', OIDC_CLIENT_ID: 'preau' } as NodeJS.ProcessEnv);
    expect(config.oidc).toEqual({
      issuer: 'https://auth.agentconnect.gouv.fr/api/v2',
      clientId: 'preau',
      clientSecret: null,
      scopes: 'openid email given_name usual_name uid siret',
      label: 'ProConnect',
    });
  });
});
