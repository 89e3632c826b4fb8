import { describe, expect, it } from 'vitest';
import { checkTargetUrl, guardedLookup, isPublicAddress } from './target-guard.js';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['2606:4700:4700::1111', true],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::7f00:1', false],
    ['not-an-address', false],
  ] as const)('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('checkTargetUrl', () => {
  it.each([
    ['https://hooks.example.com/seatsync', 'none', null],
    ['http://hooks.example.com/seatsync', 'none', 'must use https:'],
    ['https://127.0.0.1/x', 'none', 'not a public address'],
    ['https://[::1]/x', 'none', 'not a public address'],
    ['https://169.254.169.254/latest', 'none', 'not a public address'],
    ['https://localhost:8443/x', 'none', 'not a public host'],
    ['https://user:pw@hooks.example.com/', 'none', 'credentials'],
    ['ftp://hooks.example.com/', 'private', 'must use https: or http:'],
    ['http://127.0.0.1:9000/x', 'private', null],
    ['not a url', 'none', 'not a valid absolute URL'],
  ] as const)('%s (%s)', (url, policy, problem) => {
    if (problem === null) expect(checkTargetUrl(url, policy).href).toBe(new URL(url).href);
    else expect(() => checkTargetUrl(url, policy)).toThrow(problem);
  });
});

describe('guardedLookup', () => {
  it('refuses a name that resolves to a loopback address, at lookup time', async () => {
    const lookup = guardedLookup('none')!;
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup('localhost', { all: true }, (err) => resolve(err)),
    );
    expect(error?.code).toBe('ETARGETBLOCKED');
  });

  it('is not installed when private targets are allowed', () => {
    expect(guardedLookup('private')).toBeUndefined();
  });
});
