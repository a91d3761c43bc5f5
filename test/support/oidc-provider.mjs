/* global process, console */
// A local OpenID provider for the sign-in tests (oidc-provider, its development login and consent
// screens). Its own process: oidc-provider refuses configuration objects made in jest's sandbox.
// Usage: node oidc-provider.mjs <redirect-uri> <client-secret> '<accounts json>'; prints its issuer.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [redirectUri, clientSecret, accountsJson] = process.argv.slice(2);
const accounts = JSON.parse(accountsJson);
const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'care-reviews',
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: async () => accounts[id] } : undefined),
    claims: { openid: ['sub'], profile: ['roles', 'team'] },
    // Roles and team in the ID token itself, as the authority's provider is configured to give them.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['test-only-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());
  console.log(issuer);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
