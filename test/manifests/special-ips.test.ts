/**
 * ValidateNonSpecialIP (pkg/apis/core/validation): the addresses refused as
 * endpoints and external IPs, and the IPv6 CIDR containment NetworkPolicy
 * ipBlock.except needs.
 */
import { describe, expect, test } from 'vitest';
import { anyCidrContains, parseAnyCidr, specialIPProblem } from '../../src/manifests/names.js';

describe('special IPs', () => {
  test.each([
    ['0.0.0.0', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.251', 'multicast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::fb', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('%s is refused (%s)', (ip, why) => {
    expect(specialIPProblem(ip)).toContain(why);
  });

  test.each(['10.0.0.1', '192.0.2.10', '224.0.1.1', '169.253.0.1', '2001:db8::1', 'fec0::1', 'ff05::2', '::2'])('%s is allowed', (ip) => {
    expect(specialIPProblem(ip)).toBeUndefined();
  });
});

describe('CIDR containment, both families', () => {
  const c = (s: string) => parseAnyCidr(s)!;
  test('IPv6', () => {
    expect(anyCidrContains(c('fd00::/8'), c('fd00:1::/32'))).toBe(true);
    expect(anyCidrContains(c('fd00::/8'), c('fe00::/16'))).toBe(false);
    expect(anyCidrContains(c('2001:db8::/32'), c('2001:db8:ffff::/48'))).toBe(true);
    expect(anyCidrContains(c('2001:db8::/48'), c('2001:db8::/32'))).toBe(false);
  });
  test('families never contain each other', () => {
    expect(anyCidrContains(c('0.0.0.0/0'), c('::/0'))).toBe(false);
    expect(anyCidrContains(c('::/0'), c('10.0.0.0/8'))).toBe(false);
  });
  test('IPv4', () => {
    expect(anyCidrContains(c('10.0.0.0/8'), c('10.1.0.0/16'))).toBe(true);
    expect(anyCidrContains(c('10.0.0.0/16'), c('10.1.0.0/24'))).toBe(false);
  });
});
