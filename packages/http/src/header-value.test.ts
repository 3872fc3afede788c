import { describe, expect, it } from "vitest";
import { decodeHeaderValue } from "./header-value.js";

describe("decodeHeaderValue", () => {
  it("decodes valid =?base64?...?= values as UTF-8", () => {
    expect(decodeHeaderValue("=?base64?SGVsbG8=?=")).toBe("Hello");
    expect(decodeHeaderValue(`=?base64?${Buffer.from("héllo ✓").toString("base64")}?=`)).toBe("héllo ✓");
  });

  it("rejects bad padding and characters outside the alphabet", () => {
    expect(decodeHeaderValue("=?base64?SGVsbG8?=")).toBeUndefined();
    expect(decodeHeaderValue("=?base64?SGVs!!!bG8=?=")).toBeUndefined();
  });

  it("treats values without the full wrapper as literal text, trimming whitespace", () => {
    expect(decodeHeaderValue("SGVsbG8=")).toBe("SGVsbG8=");
    expect(decodeHeaderValue("=?base64?SGVsbG8=")).toBe("=?base64?SGVsbG8=");
    expect(decodeHeaderValue("  add  ")).toBe("add");
  });
});
