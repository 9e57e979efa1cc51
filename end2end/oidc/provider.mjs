// A local OpenID Connect provider for the end-to-end tests of "Continue with Google":
// the certified `oidc-provider` package with its development login pages. Any user name
// signs in; the account's email is `<name>@example.test` (verified).
//   OIDC_PORT          port to listen on
//   OIDC_REDIRECT_URI  the app's callback (…/auth/google/callback)
//   OIDC_CLIENT_ID / OIDC_CLIENT_SECRET  the credentials the app is configured with
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 3900);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? 'focus-squad-e2e',
      client_secret: process.env.OIDC_CLIENT_SECRET ?? 'focus-squad-e2e-secret',
      redirect_uris: [process.env.OIDC_REDIRECT_URI ?? 'http://127.0.0.1:3100/auth/google/callback'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Put the requested claims in the ID token, as Google does.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['focus-squad-e2e-cookie-key'] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@example.test`, email_verified: true, name: `Student ${id}` };
      },
    };
  },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`OpenID provider for tests on ${issuer}`);
});
