import { describe, expect, it } from 'vitest';
import { clientKey } from './client-address.ts';

describe('the client a request comes from', () => {
  it('is an IPv4 address as it is, whether or not the socket maps it into IPv6', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::FFFF:198.51.100.1')).toBe('198.51.100.1');
  });

  it('is an IPv6 address’s /64 network, however the address is written', () => {
    const key = '2001:db8:85a3:8d3::/64';
    expect(clientKey('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe(key);
    expect(clientKey('2001:0db8:85a3:08d3::1')).toBe(key);
    expect(clientKey('2001:DB8:85A3:8D3::7%eth0')).toBe(key);
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('2001:db8:1::1')).not.toBe(clientKey('2001:db8:2::1'));
    expect(clientKey('64:ff9b::203.0.113.7')).toBe('64:ff9b::203.0.113.7');
  });

  it('is nobody for the machine itself', () => {
    expect(clientKey('127.0.0.1')).toBeNull();
    expect(clientKey('127.8.9.10')).toBeNull();
    expect(clientKey('::1')).toBeNull();
    expect(clientKey('::ffff:127.0.0.1')).toBeNull();
  });
});
