/**
 * IP address parsing and CIDR matching for `trustProxy` and per-client session quotas.
 * Web-standard only (no `node:net`): addresses become 16-byte arrays (IPv4 as IPv4-mapped
 * IPv6), so one comparison covers both families.
 * @see https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2 (IPv4-mapped IPv6)
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string, into: Uint8Array, offset: number): boolean {
  const match = IPV4.exec(text);
  if (match === null) return false;
  for (let index = 0; index < 4; index++) {
    const octet = Number(match[index + 1]);
    if (octet > 255) return false;
    into[offset + index] = octet;
  }
  return true;
}

/** The 16 bytes of an IPv4 or IPv6 address (zone and brackets stripped), or undefined. */
export function parseIp(input: string): Uint8Array | undefined {
  let text = input.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  const bytes = new Uint8Array(16);
  if (!text.includes(":")) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    return parseIpv4(text, bytes, 12) ? bytes : undefined;
  }
  if (text.length > 45) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const words: number[][] = [];
  let tailIpv4: Uint8Array | undefined;
  for (const [index, half] of halves.entries()) {
    const parts = half === "" ? [] : half.split(":");
    const group: number[] = [];
    for (const [position, part] of parts.entries()) {
      const last = index === halves.length - 1 && position === parts.length - 1;
      if (last && part.includes(".")) {
        tailIpv4 = new Uint8Array(4);
        if (!parseIpv4(part, tailIpv4, 0)) return undefined;
        group.push(((tailIpv4[0] ?? 0) << 8) | (tailIpv4[1] ?? 0), ((tailIpv4[2] ?? 0) << 8) | (tailIpv4[3] ?? 0));
        continue;
      }
      if (!/^[0-9a-f]{1,4}$/i.test(part)) return undefined;
      group.push(Number.parseInt(part, 16));
    }
    words.push(group);
  }
  const head = words[0] ?? [];
  const tail = words[1] ?? [];
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  for (const [index, word] of all.entries()) {
    bytes[index * 2] = word >> 8;
    bytes[index * 2 + 1] = word & 0xff;
  }
  return bytes;
}

/** True for an IPv4 (or IPv4-mapped IPv6) address. */
export function isIpv4(bytes: Uint8Array): boolean {
  for (let index = 0; index < 10; index++) if (bytes[index] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** A parsed `address/prefix` (IPv4 prefixes count within the mapped form). */
export interface CidrRange {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** Parses `10.0.0.0/8`, `fd00::/8`, or a single address; throws a RangeError naming the entry. */
export function parseCidr(entry: string): CidrRange {
  const slash = entry.indexOf("/");
  const address = parseIp(slash === -1 ? entry : entry.slice(0, slash));
  if (address === undefined) throw new RangeError(`[chuk-mcp] [http] trustProxy entry "${entry}" is not an IP address or CIDR range`);
  const full = 128;
  if (slash === -1) return { bytes: address, prefix: full };
  const bits = Number(entry.slice(slash + 1));
  const max = isIpv4(address) ? 32 : 128;
  if (!Number.isInteger(bits) || bits < 0 || bits > max) {
    throw new RangeError(`[chuk-mcp] [http] trustProxy entry "${entry}" has a prefix length outside 0-${max}`);
  }
  return { bytes: address, prefix: isIpv4(address) ? 96 + bits : bits };
}

/** True when `address` lies in `range`. */
export function inRange(address: Uint8Array, range: CidrRange): boolean {
  let remaining = range.prefix;
  for (let index = 0; index < 16 && remaining > 0; index++, remaining -= 8) {
    const mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
    if (((address[index] ?? 0) & mask) !== ((range.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * The quota key of an address: IPv4 as-is, IPv6 by its /64 (one host usually holds a whole
 * /64, so per-address counting would be no limit at all).
 */
export function addressKey(input: string): string {
  const bytes = parseIp(input);
  if (bytes === undefined) return `raw:${input.slice(0, 64)}`;
  if (isIpv4(bytes)) return `ip4:${bytes.slice(12).join(".")}`;
  const hex = Array.from(bytes.slice(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `ip6:${hex}/64`;
}
