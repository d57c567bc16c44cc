/** Sign-in with UiTID (issue 23): the shared-mailbox rule and the settings' checks. */
import { parsePatterns, sharedMailboxPattern } from '../../src/plugins/segmentation/shared/access-requests';
import { DEFAULT_SHARED_PATTERNS, parsePluginConfig } from '../../src/plugins/segmentation/server/src/config';

describe('shared mailboxes', () => {
  const defaults = parsePatterns(DEFAULT_SHARED_PATTERNS);

  test.each([
    ['info@gent.be', 'info@'],
    ['INFO@Gent.be', 'info@'],
    ['info+uitpas@gent.be', 'info@'],
    ['no-reply@uitpas.be', 'no-reply@'],
    ['noreply@uitpas.be', 'noreply@'],
    ['secretariaat@cc.be', 'secretariaat@'],
    ['uitpas@leuven.be', 'uitpas@'],
    ['contact@x.be', 'contact@'],
    ['admin@x.be', 'admin@'],
  ])('%s is shared (%s)', (email, pattern) => {
    expect(sharedMailboxPattern(email, defaults)).toBe(pattern);
  });

  test.each(['anna.peeters@gent.be', 'information.desk.anna@x.be', 'infoanna@x.be', 'anna@info.be'])('%s is a person’s own', (email) => {
    expect(sharedMailboxPattern(email, defaults)).toBeNull();
  });

  test('an administrator’s patterns: local parts, whole domains and whole addresses', () => {
    const patterns = parsePatterns(' balie@ ; @team.gent.be,\n jan.gedeeld@gent.be ');
    expect(patterns).toEqual(['balie@', '@team.gent.be', 'jan.gedeeld@gent.be']);
    expect(sharedMailboxPattern('balie@x.be', patterns)).toBe('balie@');
    expect(sharedMailboxPattern('anna@team.gent.be', patterns)).toBe('@team.gent.be');
    expect(sharedMailboxPattern('anna@gent.be', patterns)).toBeNull();
    expect(sharedMailboxPattern('Jan.Gedeeld@gent.be', patterns)).toBe('jan.gedeeld@gent.be');
    expect(sharedMailboxPattern('info@gent.be', patterns)).toBeNull();
  });
});

describe('settings', () => {
  test('off by default, password login on, the default patterns', () => {
    expect(parsePluginConfig({}).uitid).toMatchObject({
      issuer: '',
      passwordLogin: true,
      scopes: 'openid profile email',
      sharedPatterns: DEFAULT_SHARED_PATTERNS,
    });
  });

  test('an issuer needs a client id and secret; its trailing slash goes', () => {
    expect(() => parsePluginConfig({ uitid: { issuer: 'https://id.uitid.test/' } })).toThrow('segmentation.uitid.clientId: Expected a client id and secret');
    expect(parsePluginConfig({ uitid: { issuer: 'https://id.uitid.test/', clientId: 'a', clientSecret: 'b' } }).uitid.issuer).toBe('https://id.uitid.test');
    expect(() => parsePluginConfig({ uitid: { issuer: 'id.uitid.test' } })).toThrow('segmentation.uitid.issuer: Expected an http(s) URL');
  });

  test('password login can only be switched off with an issuer', () => {
    expect(() => parsePluginConfig({ uitid: { passwordLogin: false } })).toThrow('segmentation.uitid.passwordLogin');
  });
});
