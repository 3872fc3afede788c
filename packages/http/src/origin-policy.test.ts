import { describe, expect, it } from "vitest";
import { LOOPBACK_HOSTS, OriginPolicy, splitHost } from "./origin-policy.js";

describe("OriginPolicy", () => {
  it("restricts Host to loopback names on any port when given LOOPBACK_HOSTS", () => {
    const policy = new OriginPolicy({ allowedHosts: LOOPBACK_HOSTS });
    expect(policy.check("localhost:8080", undefined)).toBeUndefined();
    expect(policy.check("[::1]:1", undefined)).toBeUndefined();
    expect(policy.check("evil.example.com", undefined)?.status).toBe(403);
    expect(policy.check(undefined, undefined)?.status).toBe(403);
  });

  it("still refuses other hosts after an allowed Host was remembered", () => {
    const policy = new OriginPolicy({ allowedHosts: ["api.example.com:8443"] });
    expect(policy.check("api.example.com:8443", undefined)).toBeUndefined();
    expect(policy.check("api.example.com:8443", undefined)).toBeUndefined();
    expect(policy.check("api.example.com:9000", undefined)?.status).toBe(403);
    expect(policy.check("evil.example.com", undefined)?.status).toBe(403);
    expect(policy.check("api.example.com:8443", undefined)).toBeUndefined();
  });

  it("honours host:port entries exactly", () => {
    const policy = new OriginPolicy({ allowedHosts: ["api.example.com:8443"] });
    expect(policy.check("api.example.com:8443", undefined)).toBeUndefined();
    expect(policy.check("api.example.com:9000", undefined)?.status).toBe(403);
  });

  it("accepts same-host and loopback-to-loopback origins by default and refuses cross-site ones", () => {
    const policy = new OriginPolicy({});
    expect(policy.check("api.example.com", "https://api.example.com")).toBeUndefined();
    expect(policy.check("127.0.0.1:3000", "http://localhost:5173")).toBeUndefined();
    expect(policy.check("127.0.0.1:3000", "http://evil.example.com")?.status).toBe(403);
    expect(policy.check("api.example.com", "null")?.status).toBe(403);
  });

  it("uses allowedOrigins when given, with * for any", () => {
    expect(new OriginPolicy({ allowedOrigins: ["https://app.example.com/"] }).check("x", "https://app.example.com")).toBeUndefined();
    expect(new OriginPolicy({ allowedOrigins: ["https://app.example.com"] }).check("x", "https://other.example.com")?.status).toBe(403);
    expect(new OriginPolicy({ allowedOrigins: ["*"] }).check("x", "https://any.example.com")).toBeUndefined();
  });

  it("splits IPv6 hosts with ports", () => {
    expect(splitHost("[::1]:3000")).toEqual({ hostname: "[::1]", port: "3000" });
    expect(splitHost("Example.COM")).toEqual({ hostname: "example.com", port: "" });
  });
});
