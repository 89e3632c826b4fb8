import { describe, expect, it } from 'vitest';
import { EntraEndpointPolicy, requireSecretForRetarget } from './entra-endpoint-policy.js';

describe('EntraEndpointPolicy', () => {
  const strict = new EntraEndpointPolicy();
  const dev = new EntraEndpointPolicy(['127.0.0.1', 'LOCALHOST']);

  it.each([
    ['authorityHost', 'https://login.microsoftonline.com', null],
    ['authorityHost', 'https://login.microsoftonline.us/', null],
    ['authorityHost', 'https://login.chinacloudapi.cn', null],
    ['graphBaseUrl', 'https://graph.microsoft.com', null],
    ['graphBaseUrl', 'https://graph.microsoft.us', null],
    ['graphBaseUrl', 'https://dod-graph.microsoft.us', null],
    ['graphBaseUrl', 'https://microsoftgraph.chinacloudapi.cn', null],
    // A Graph host is not an authority and the reverse.
    ['authorityHost', 'https://graph.microsoft.com', /identity platform/],
    ['graphBaseUrl', 'https://login.microsoftonline.com', /Graph host/],
    ['authorityHost', 'http://login.microsoftonline.com', /https/],
    ['authorityHost', 'https://login.microsoftonline.com:8443', /default https port/],
    ['authorityHost', 'https://login.microsoftonline.com.evil.example', /identity platform/],
    ['authorityHost', 'https://evil.example/login.microsoftonline.com', /identity platform|path/],
    ['authorityHost', 'https://user:pw@login.microsoftonline.com', /credentials/],
    ['graphBaseUrl', 'https://graph.microsoft.com/v1.0', /path/],
    ['graphBaseUrl', 'https://graph.microsoft.com?x=1', /query/],
    ['graphBaseUrl', 'http://169.254.169.254', /Graph host/],
    ['graphBaseUrl', 'http://127.0.0.1:5432', /Graph host/],
    ['graphBaseUrl', 'http://10.0.0.8', /Graph host/],
    ['graphBaseUrl', 'http://[::1]:8080', /Graph host/],
    ['graphBaseUrl', 'file:///etc/passwd', /Graph host|path/],
    ['graphBaseUrl', 'not a url', /not a URL/],
  ] as const)('%s %s → %s', (field, url, expected) => {
    const problem = strict.problem(field, url);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('allows the operator-listed hosts on any port, http or https, for both endpoints', () => {
    expect(dev.problem('authorityHost', 'http://127.0.0.1:4010')).toBeNull();
    expect(dev.problem('graphBaseUrl', 'https://localhost:4010')).toBeNull();
    expect(dev.problem('graphBaseUrl', 'http://127.0.0.2:4010')).toMatch(/Graph host/);
    expect(dev.problem('graphBaseUrl', 'ftp://127.0.0.1')).toMatch(/http or https/);
  });

  it('check throws directory_connection.host_not_allowed and accepts an absent value', () => {
    expect(() => strict.check('graphBaseUrl', 'http://169.254.169.254')).toThrow(
      expect.objectContaining({
        code: 'directory_connection.host_not_allowed',
        fields: [{ path: ['graphBaseUrl'], message: expect.stringMatching(/Graph host/) }],
      }),
    );
    expect(() => strict.check('graphBaseUrl', null)).not.toThrow();
    expect(() => strict.check('graphBaseUrl', undefined)).not.toThrow();
  });
});

describe('requireSecretForRetarget', () => {
  const current = {
    entraTenantId: 't1',
    clientId: 'c1',
    authorityHost: null,
    graphBaseUrl: 'https://graph.microsoft.com',
  };
  it.each([
    ['nothing that decides where the secret goes', {}, null],
    ['the same tenant again', { entraTenantId: 't1' }, null],
    ['another tenant', { entraTenantId: 't2' }, ['entraTenantId']],
    ['another client', { clientId: 'c2' }, ['clientId']],
    ['an authority', { authorityHost: 'https://login.microsoftonline.us' }, ['authorityHost']],
    ['the Graph host cleared', { graphBaseUrl: null }, ['graphBaseUrl']],
    ['another tenant with the secret', { entraTenantId: 't2', clientSecret: 's' }, null],
  ] as const)('%s', (_name, update, changed) => {
    const run = () => requireSecretForRetarget(update, current);
    if (changed === null) expect(run).not.toThrow();
    else
      expect(run).toThrow(
        expect.objectContaining({
          code: 'directory_connection.secret_required',
          details: { changed },
          fields: [{ path: ['clientSecret'], message: `is required when changing ${changed.join(', ')}` }],
        }),
      );
  });
});
