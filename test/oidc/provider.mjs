// A real OpenID Connect provider (the npm `oidc-provider`), shaped like ProConnect, for the
// single sign-on tests. Started by startNodeProcess() with its clients and accounts as JSON;
// prints `{"issuer": …}` once listening and ends when its standard input closes.
/* global process, console */
import http from 'node:http';
import Provider from 'oidc-provider';

const { clients, accounts } = JSON.parse(process.argv[2]);

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...client,
  })),
  // ProConnect's scopes, one per claim; its ID token carries `sub`, the userinfo endpoint the rest.
  claims: {
    openid: ['sub'],
    email: ['email'],
    given_name: ['given_name'],
    usual_name: ['usual_name'],
    uid: ['uid'],
    siret: ['siret'],
  },
  findAccount: (_ctx, sub) => (accounts[sub] ? { accountId: sub, claims: () => ({ sub, ...accounts[sub] }) } : undefined),
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true } },
  cookies: { keys: ['preau-test-provider-cookies'] },
});
server.on('request', provider.callback());

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
console.log(JSON.stringify({ issuer }));
