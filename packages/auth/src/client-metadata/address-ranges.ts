/**
 * Which addresses a server-side fetch made for a client must never reach (SSRF): every
 * non-public IPv4 and IPv6 range, including IPv6 forms that embed an IPv4 address
 * (mapped, compatible, NAT64, 6to4), and the special-use names that resolve locally.
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry/
 * @see https://www.iana.org/assignments/iana-ipv6-special-registry/
 * @see https://www.rfc-editor.org/rfc/rfc6761 (localhost), RFC 6052 (NAT64), RFC 3056 (6to4)
 */

/** [first octet(s) as a 32-bit network, prefix length] of IPv4 ranges that are not public. */
const INTERNAL_IPV4: ReadonlyArray<readonly [number, number]> = [
  [ipv4(0, 0, 0, 0), 8], // "this network"
  [ipv4(10, 0, 0, 0), 8], // private
  [ipv4(100, 64, 0, 0), 10], // carrier-grade NAT
  [ipv4(127, 0, 0, 0), 8], // loopback
  [ipv4(169, 254, 0, 0), 16], // link-local (cloud metadata endpoints)
  [ipv4(172, 16, 0, 0), 12], // private
  [ipv4(192, 0, 0, 0), 24], // IETF protocol assignments
  [ipv4(192, 0, 2, 0), 24], // documentation
  [ipv4(192, 88, 99, 0), 24], // 6to4 relay anycast
  [ipv4(192, 168, 0, 0), 16], // private
  [ipv4(198, 18, 0, 0), 15], // benchmarking
  [ipv4(198, 51, 100, 0), 24], // documentation
  [ipv4(203, 0, 113, 0), 24], // documentation
  [ipv4(224, 0, 0, 0), 4], // multicast
  [ipv4(240, 0, 0, 0), 4], // reserved, broadcast
];

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Parses a dotted-quad IPv4 address (exactly four decimal parts) to a 32-bit number. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value >>> 0;
}

/** Parses an IPv6 address (with `::`, an embedded IPv4 tail, an optional zone) to eight 16-bit groups. */
export function parseIpv6(text: string): number[] | undefined {
  let address = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zone = address.indexOf("%");
  if (zone >= 0) address = address.slice(0, zone);
  if (!address.includes(":")) return undefined;
  const lastColon = address.lastIndexOf(":");
  const last = address.slice(lastColon + 1);
  if (last.includes(".")) {
    // An embedded IPv4 tail (::ffff:1.2.3.4) is two hex groups written another way.
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    address = `${address.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const group = (part: string): number[] | undefined => {
    if (part === "") return [];
    const groups = part.split(":");
    const values: number[] = [];
    for (const item of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return undefined;
      values.push(parseInt(item, 16));
    }
    return values;
  };
  const head = group(halves[0] as string);
  const rest = halves.length === 2 ? group(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  const explicit = head.length + rest.length;
  if (halves.length === 1) return explicit === 8 ? head : undefined;
  if (explicit > 7) return undefined;
  return [...head, ...new Array<number>(8 - explicit).fill(0), ...rest];
}

function ipv4Internal(value: number): boolean {
  return INTERNAL_IPV4.some(([network, prefix]) => (prefix === 0 ? true : value >>> (32 - prefix) === network >>> (32 - prefix)));
}

function embeddedIpv4(groups: number[], from: number): number {
  return (((groups[from] as number) << 16) | (groups[from + 1] as number)) >>> 0;
}

function ipv6Internal(groups: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5] = groups as [number, number, number, number, number, number, number, number];
  const zeroTo = (end: number): boolean => groups.slice(0, end).every((value) => value === 0);
  if (zeroTo(5) && g5 === 0xffff) return ipv4Internal(embeddedIpv4(groups, 6)); // ::ffff:a.b.c.d mapped
  if (zeroTo(6)) return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return true; // ::ffff:0:a.b.c.d (SIIT translated)
  if (g0 === 0x0064 && g1 === 0xff9b) {
    // NAT64 well-known prefix 64:ff9b::/96 embeds the target; 64:ff9b:1::/48 is local-use.
    if (g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4Internal(embeddedIpv4(groups, 6));
    return g2 === 1;
  }
  if (g0 === 0x2002) return ipv4Internal(embeddedIpv4(groups, 1)); // 6to4 embeds the IPv4 address
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo (the embedded address is obfuscated)
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if (g0 === 0x2001 && (g1 & 0xfff0) === 0x0010) return true; // ORCHID
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // link-local, site-local
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  return (g0 & 0xe000) !== 0x2000; // only 2000::/3 is global unicast
}

/** True when an IP address (v4 or v6, brackets and zone allowed) is not a public unicast address. */
export function isInternalAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return ipv4Internal(v4);
  const v6 = parseIpv6(address);
  if (v6 !== undefined) return ipv6Internal(v6);
  return true; // not an address we understand: never treat it as public
}

/** True for an IP literal (v4, or v6 with or without brackets). */
export function isIpLiteral(host: string): boolean {
  return parseIpv4(host) !== undefined || parseIpv6(host) !== undefined;
}

const LOCAL_NAME_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet", ".corp"];

/** True for names that resolve locally whatever DNS says: `localhost`, `localhost.`, `*.localhost`, `.local`, … */
export function isInternalHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  if (host === "" || host === "localhost") return true;
  if (isIpLiteral(host)) return isInternalAddress(host);
  if (!host.includes(".")) return true; // single-label names resolve through local search domains
  return LOCAL_NAME_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
