/**
 * Who a request comes from, for the per-client rate limit: an IPv4 address as it is, an IPv6
 * address by its /64 network (one subscriber's network: a client that changes address within it
 * is still one client), and the machine itself as nobody's, since on loopback every patient
 * behind a proxy on the same host would share one address (`TRUST_PROXY` gives their own).
 */
import { isIPv6 } from 'node:net';

/** The key of the client at `ip` (`request.ip`), or null for the machine itself. */
export function clientKey(ip: string): string | null {
  // A dual-stack socket reports IPv4 clients as IPv4-mapped IPv6 addresses.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  if (address === '::1' || address.startsWith('127.')) return null;
  // An IPv6 address that carries an IPv4 one (NAT64's 64:ff9b::/96) is that one client.
  if (!isIPv6(address) || address.includes('.')) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, written out (`2001:db8::1` → `2001`, `db8`, `0`, …, `1`). */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    group.replace(/^0+(?=.)/, ''),
  );
}
