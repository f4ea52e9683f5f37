// Who a request comes from, for every per-client limit (abuse limits, sign-in attempts, live
// streams): the address that Fastify's trustProxy yields, reduced to a key a client cannot
// multiply cheaply.
//
// Which X-Forwarded-For entry to believe. `true` takes the left-most entry, which the client
// writes itself; a hop count is refused by Fastify (it cannot check the peer, so it ignores the
// header). The default behind https is therefore "the nearest hop, when it is ours": the peer's
// own entry in X-Forwarded-For (the right-most, the address the nearest proxy saw) is believed
// only when the peer is on loopback or a private network, where a TLS-terminating proxy sits; a
// client reaching the app directly from anywhere else is keyed by its own address.
//
// The key: an IPv6 client gets a whole /64 from its provider and may rotate addresses inside it
// at will, so IPv6 is keyed by its /64; an IPv4-mapped IPv6 address (::ffff:192.0.2.1, as a
// dual-stack socket reports IPv4 peers) is its IPv4 address.
import ipaddr from 'ipaddr.js';

/** TRUST_PROXY as configured: all proxies, none, the listed ranges, or the nearest private hop. */
export type TrustProxySetting = boolean | string[] | 'nearest-private';

const PRIVATE_RANGES = new Set(['loopback', 'private', 'linkLocal', 'uniqueLocal']);

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    return ipaddr.process(address);
  } catch {
    return undefined;
  }
}

/** Whether `address` is on loopback or a private or link-local network (IPv4 or IPv6). */
export function isPrivateAddress(address: string): boolean {
  const parsed = parse(address);
  return parsed !== undefined && PRIVATE_RANGES.has(parsed.range());
}

/** Fastify's trustProxy option for a TRUST_PROXY setting. */
export function trustProxyOption(
  setting: TrustProxySetting,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (setting !== 'nearest-private') return setting;
  // Hop 0 is the peer: trusting it (and no further hop) makes the next entry the client.
  return (address, hop) => hop === 0 && isPrivateAddress(address);
}

/** The key under which per-client limits count `address`: IPv4 as is, IPv6 by its /64. */
export function clientKeyOf(address: string): string {
  const parsed = parse(address);
  if (!parsed) return address;
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}

/** The client key of a request: every per-client limit counts under this. */
export function clientKey(request: { ip: string }): string {
  return clientKeyOf(request.ip);
}
