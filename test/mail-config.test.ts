/** Issue 12 part 2: the mail settings read from the environment, refused with the variable named. */
import { loadConfig } from '../platform/config';
import { API_KEY, TEMPLATE_ID } from './support/fake-notify';

const notify = { CARE_REVIEWS_NOTIFY_API_KEY: API_KEY, CARE_REVIEWS_NOTIFY_TEMPLATE_ID: TEMPLATE_ID };

test('neither SMTP nor Notify: .eml files under the data folder', () => {
  const { mail } = loadConfig({ CARE_REVIEWS_DATA_DIR: '/srv/care' });
  expect(mail).toEqual({
    directoryPath: undefined,
    from: 'care-reviews@localhost',
    smtpUrl: undefined,
    notify: undefined,
    emlDir: '/srv/care/mail',
    publicUrl: 'http://localhost:3000',
  });
  expect(loadConfig({ CARE_REVIEWS_PUBLIC_URL: 'https://care.council.example.gov.uk/reviews/' }).mail.publicUrl).toBe(
    'https://care.council.example.gov.uk/reviews',
  );
  // The screens' OpenID Connect redirect URI is under the same public URL.
  expect(
    loadConfig({
      CARE_REVIEWS_PUBLIC_URL: 'https://care.council.example.gov.uk/reviews/',
      CARE_REVIEWS_OIDC_ISSUER: 'https://login.council.example.gov.uk',
      CARE_REVIEWS_OIDC_CLIENT_ID: 'care-reviews',
      CARE_REVIEWS_OIDC_CLIENT_SECRET: 's3cret',
    }).web,
  ).toEqual({
    idleMinutes: 30,
    publicUrl: 'https://care.council.example.gov.uk/reviews',
    oidc: { issuer: 'https://login.council.example.gov.uk', clientId: 'care-reviews', clientSecret: 's3cret' },
  });
});

test('SMTP, or Notify with its templates', () => {
  expect(
    loadConfig({ CARE_REVIEWS_SMTP_URL: 'smtps://u:p@smtp.example.org:465', CARE_REVIEWS_MAIL_FROM: 'cr@example.org' }).mail,
  ).toMatchObject({
    smtpUrl: 'smtps://u:p@smtp.example.org:465',
    from: 'cr@example.org',
  });
  const other = 'b2c3d4e5-0000-4000-8000-000000000001';
  expect(loadConfig({ ...notify, CARE_REVIEWS_NOTIFY_TEMPLATES: `prompt=${other}` }).mail.notify).toEqual({
    apiKey: API_KEY,
    templateId: TEMPLATE_ID,
    templates: { prompt: other },
    baseUrl: undefined,
    replyToId: undefined,
  });
});

test.each([
  ['an SMTP URL without its scheme', { CARE_REVIEWS_SMTP_URL: 'mail.example.org:25' }, /CARE_REVIEWS_SMTP_URL must be smtp:\/\/host:port/],
  ['SMTP and Notify both', { CARE_REVIEWS_SMTP_URL: 'smtp://a:25', ...notify }, /not both/],
  ['a Notify key cut short', { CARE_REVIEWS_NOTIFY_API_KEY: 'short' }, /CARE_REVIEWS_NOTIFY_API_KEY must be a whole GOV.UK Notify API key/],
  ['a Notify key without a template', { CARE_REVIEWS_NOTIFY_API_KEY: API_KEY }, /CARE_REVIEWS_NOTIFY_TEMPLATE_ID must be the id/],
  [
    'a kind without its template',
    { ...notify, CARE_REVIEWS_NOTIFY_TEMPLATES: 'prompt' },
    /CARE_REVIEWS_NOTIFY_TEMPLATES must be kind=template-id pairs/,
  ],
  [
    'a Notify base URL that is not one',
    { ...notify, CARE_REVIEWS_NOTIFY_BASE_URL: 'notify.local' },
    /CARE_REVIEWS_NOTIFY_BASE_URL must be an http\(s\) URL/,
  ],
  ['a public URL that is not one', { CARE_REVIEWS_PUBLIC_URL: 'care.example.org' }, /CARE_REVIEWS_PUBLIC_URL must be an http\(s\) URL/],
  ['a sender that is not an address', { CARE_REVIEWS_MAIL_FROM: 'care reviews' }, /CARE_REVIEWS_MAIL_FROM must be an email address/],
])('%s is refused, naming the variable', (_name, env, message) => {
  expect(() => loadConfig(env)).toThrow(message);
});

test('a refused SMTP URL is not repeated in the message (it may hold a password)', () => {
  expect(() => loadConfig({ CARE_REVIEWS_SMTP_URL: 'ftp://user:s3cret@host' })).toThrow(
    expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
  );
});
