import { describe, expect, it } from "vitest";
import { addressKey, inRange, parseCidr, parseIp } from "./ip-address.js";

describe("IP parsing and CIDR matching", () => {
  it("parses IPv4, IPv6 (compressed, bracketed, zoned, IPv4-mapped) into one 16-byte form", () => {
    expect(parseIp("192.0.2.1")).toEqual(parseIp("::ffff:192.0.2.1"));
    expect(parseIp("[::1]")).toEqual(parseIp("0:0:0:0:0:0:0:1"));
    expect(parseIp("fe80::1%eth0")).toEqual(parseIp("fe80::1"));
    expect(Array.from(parseIp("2001:db8::ff00:42:8329") ?? [])).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0x42, 0x83, 0x29]);
  });

  it("rejects what is not an address instead of guessing", () => {
    for (const bad of ["", "256.0.0.1", "1.2.3", "1::2::3", "1:2:3:4:5:6:7:8:9", "g::1", "localhost", "::ffff:1.2.3.999", "1.2.3.4.5"]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it("matches CIDR ranges of both families, and IPv4 ranges against IPv4-mapped peers", () => {
    const ten = parseCidr("10.0.0.0/8");
    expect(inRange(parseIp("10.200.3.4") as Uint8Array, ten)).toBe(true);
    expect(inRange(parseIp("::ffff:10.1.1.1") as Uint8Array, ten)).toBe(true);
    expect(inRange(parseIp("11.0.0.1") as Uint8Array, ten)).toBe(false);
    const ula = parseCidr("fd00::/8");
    expect(inRange(parseIp("fd12:3456::1") as Uint8Array, ula)).toBe(true);
    expect(inRange(parseIp("fe80::1") as Uint8Array, ula)).toBe(false);
    expect(inRange(parseIp("127.0.0.1") as Uint8Array, parseCidr("127.0.0.1"))).toBe(true);
    expect(inRange(parseIp("127.0.0.2") as Uint8Array, parseCidr("127.0.0.1"))).toBe(false);
    expect(inRange(parseIp("172.20.0.1") as Uint8Array, parseCidr("172.16.0.0/12"))).toBe(true);
  });

  it("refuses a malformed trustProxy entry with a message naming it", () => {
    expect(() => parseCidr("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33.*0-32/);
    expect(() => parseCidr("proxy.internal")).toThrow(/proxy\.internal/);
  });

  it("keys IPv4 by address and IPv6 by /64", () => {
    expect(addressKey("::ffff:192.0.2.1")).toBe("ip4:192.0.2.1");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:ffff::9"));
    expect(addressKey("2001:db8:1:3::1")).not.toBe(addressKey("2001:db8:1:2::1"));
  });
});
