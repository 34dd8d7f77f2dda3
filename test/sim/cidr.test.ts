import { describe, expect, test } from 'vitest';
import { cidrContains, cidrSize, formatCidr, formatIPv4, parseCidr, parseIPv4 } from '../../src/sim/cidr.js';

describe('parseIPv4', () => {
  test.each([
    ['0.0.0.0', 0],
    ['10.96.0.10', 0x0a60000a],
    ['192.168.1.2', 0xc0a80102],
    ['255.255.255.255', 0xffffffff],
  ])('%s', (text, value) => {
    expect(parseIPv4(text)).toBe(value);
    expect(formatIPv4(value)).toBe(text);
  });

  test.each(['', '10.0.0', '10.0.0.0.1', '256.0.0.1', '10.0.0.-1', '010.0.0.1', '10.0.0.01', ' 10.0.0.1', '10.0.0.1 ', 'a.b.c.d', '::1', '10..0.1'])(
    'rejects %j as Kubernetes validation does',
    (text) => {
      expect(parseIPv4(text)).toBeUndefined();
    },
  );
});

describe('parseCidr', () => {
  test('a block is its network address and prefix length', () => {
    expect(parseCidr('10.244.0.0/16')).toEqual({ base: 0x0af40000, bits: 16 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ base: 0, bits: 0 });
    expect(parseCidr('10.0.0.7/32')).toEqual({ base: 0x0a000007, bits: 32 });
  });

  test('host bits set mean the network, as net.ParseCIDR returns it', () => {
    expect(formatCidr(parseCidr('10.0.0.1/24')!)).toBe('10.0.0.0/24');
  });

  test.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', '10.0.0.0/-1', 'fd00::/8', '10.0.0/8'])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  test('cidrSize', () => {
    expect(cidrSize(parseCidr('10.96.0.0/12')!)).toBe(1048576);
    expect(cidrSize(parseCidr('0.0.0.0/0')!)).toBe(4294967296);
  });
});

describe('cidrContains', () => {
  test.each<[string, string, boolean]>([
    ['192.168.0.0/16', '192.168.3.4', true],
    ['192.168.0.0/16', '192.169.0.0', false],
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['0.0.0.0/0', '203.0.113.10', true],
    ['0.0.0.0/0', '255.255.255.255', true],
    ['10.0.0.5/32', '10.0.0.5', true],
    ['10.0.0.5/32', '10.0.0.4', false],
    ['128.0.0.0/1', '200.1.1.1', true],
    ['128.0.0.0/1', '127.255.255.255', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContains(cidr, ip)).toBe(expected);
    expect(cidrContains(parseCidr(cidr)!, parseIPv4(ip)!)).toBe(expected);
  });

  test('what does not parse is contained in nothing', () => {
    expect(cidrContains('::/0', '10.0.0.1')).toBe(false);
    expect(cidrContains('0.0.0.0/0', 'not-an-ip')).toBe(false);
  });
});
