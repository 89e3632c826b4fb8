import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { DomainError } from '../../domain-error.js';

/** `none`: only https to public addresses. `private`: also http and private or loopback addresses (local receivers). */
export type TargetPolicy = 'none' | 'private';

// Addresses a webhook must never reach by default: this host, private networks, link-local (cloud metadata at
// 169.254.169.254), carrier-grade NAT, documentation and benchmarking ranges, multicast and reserved space.
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is a public unicast address (an IPv4-mapped IPv6 address is judged as its IPv4). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return !NOT_PUBLIC.check(mapped[1]!, 'ipv4');
  if (/^::ffff:/i.test(address)) return false;
  return !NOT_PUBLIC.check(address, 'ipv6');
}

/**
 * Refuses a URL a webhook may not target under the policy: the scheme, and a literal address (which the
 * connection never resolves). Host names are checked again when the connection resolves them (guardedLookup).
 */
export function checkTargetUrl(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('invalid_value', 'The endpoint URL is not a valid absolute URL');
  }
  if (url.username || url.password)
    throw new DomainError('invalid_value', 'The endpoint URL must not carry credentials');
  const allowed = policy === 'private' ? ['https:', 'http:'] : ['https:'];
  if (!allowed.includes(url.protocol))
    throw new DomainError('invalid_value', `The endpoint URL must use ${allowed.join(' or ')}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy === 'none' && isIP(host) !== 0 && !isPublicAddress(host))
    throw new DomainError('invalid_value', `${host} is not a public address`);
  if (policy === 'none' && /^localhost$|\.localhost$/i.test(host))
    throw new DomainError('invalid_value', `${host} is not a public host`);
  return url;
}

/**
 * A DNS lookup for the http agents that fails when a resolved address is not public, so the check holds for the
 * address actually connected to (a name that resolves differently later, DNS rebinding, cannot slip past a
 * check made at creation time).
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction | undefined {
  if (policy === 'private') return undefined;
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      if (refused || addresses.length === 0) {
        const blocked = new Error(
          `${hostname} resolves to ${refused?.address ?? 'nothing'}, not a public address`,
        ) as NodeJS.ErrnoException;
        blocked.code = 'ETARGETBLOCKED';
        return callback(blocked, '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
