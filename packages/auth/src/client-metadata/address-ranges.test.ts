import { describe, expect, it } from "vitest";
import { isInternalAddress, isInternalHostname, parseIpv6 } from "./address-ranges.js";

describe("internal address ranges (defect 2)", () => {
  it.each([
    "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "192.0.0.8", "192.88.99.1",
  ])("refuses the IPv4 address %s", (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each([
    "::1", "::", "[::1]", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "::a00:1",
    "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:7f00:1::", "2002:c0a8:101::1", "2001:db8::1",
    "2001::1", "100::1", "::ffff:0:7f00:1", "0:0:0:0:0:ffff:127.0.0.1",
  ])("refuses the IPv6 address %s", (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])(
    "allows the public address %s",
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
    },
  );

  it("treats text that is not an address as internal", () => {
    expect(isInternalAddress("not-an-ip")).toBe(true);
    expect(isInternalAddress("1.2.3")).toBe(true);
    expect(isInternalAddress("1::2::3")).toBe(true);
  });

  it("parses compressed and embedded IPv6 forms", () => {
    expect(parseIpv6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIpv6("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6("1::8")).toEqual([1, 0, 0, 0, 0, 0, 0, 8]);
    expect(parseIpv6("1:2:3:4:5:6:1.2.3.4")).toEqual([1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
    expect(parseIpv6("1:2:3:4:5:6:7:8:9")).toBeUndefined();
  });

  it.each(["localhost", "localhost.", "LOCALHOST", "app.localhost", "app.localhost.", "printer.local", "db.internal", "nas.home.arpa", "intranet", "127.0.0.1", "[::1]"])(
    "refuses the local name %s",
    (host) => {
      expect(isInternalHostname(host)).toBe(true);
    },
  );

  it("lets public names through to resolution", () => {
    expect(isInternalHostname("client.example.com")).toBe(false);
    expect(isInternalHostname("client.example.com.")).toBe(false);
  });
});
