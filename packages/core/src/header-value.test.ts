import { describe, expect, it } from "vitest";
import { decodeHeaderValue } from "./index.js";

describe("decodeHeaderValue", () => {
  it("decodes the =?base64?…?= form as UTF-8", () => {
    expect(decodeHeaderValue("=?base64?SGVsbG8=?=")).toBe("Hello");
    expect(decodeHeaderValue("=?base64?w6lsw6h2ZQ==?=")).toBe("élève");
    expect(decodeHeaderValue("=?base64??=")).toBe("");
    expect(decodeHeaderValue(`=?base64?${Buffer.from("héllo ✓").toString("base64")}?=`)).toBe("héllo ✓");
  });

  it("trims optional whitespace around the value first", () => {
    expect(decodeHeaderValue("  us-west  ")).toBe("us-west");
    expect(decodeHeaderValue("  add  ")).toBe("add");
    expect(decodeHeaderValue(" =?base64?SGVsbG8=?= ")).toBe("Hello");
  });

  it("treats values without the exact wrapper as literal text", () => {
    expect(decodeHeaderValue("SGVsbG8=")).toBe("SGVsbG8=");
    expect(decodeHeaderValue("=?base64?SGVsbG8=")).toBe("=?base64?SGVsbG8=");
    expect(decodeHeaderValue("=?BASE64?SGVsbG8=?=")).toBe("=?BASE64?SGVsbG8=?=");
  });

  it("rejects bad padding, non-alphabet characters and invalid UTF-8", () => {
    expect(decodeHeaderValue("=?base64?SGVsbG8?=")).toBeUndefined();
    expect(decodeHeaderValue("=?base64?SGVs!!!bG8=?=")).toBeUndefined();
    expect(decodeHeaderValue("=?base64?SGVsbG8===?=")).toBeUndefined();
    expect(decodeHeaderValue("=?base64?/w==?=")).toBeUndefined();
  });
});
