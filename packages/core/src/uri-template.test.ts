import { describe, expect, it } from "vitest";
import { parseUriTemplate } from "./uri-template.js";

describe("parseUriTemplate", () => {
  it("extracts level-1 variables and rejects non-matching URIs", () => {
    const template = parseUriTemplate("test://template/{id}/data/{part}");
    expect(template.variables).toEqual(["id", "part"]);
    expect(template.match("test://template/42/data/x")).toEqual({ id: "42", part: "x" });
    expect(template.match("test://template/42/data")).toBeUndefined();
    expect(template.match("test://template/4/2/data/x")).toBeUndefined();
  });

  it("escapes regular-expression characters in the literal parts", () => {
    expect(parseUriTemplate("a.b://{x}").match("aXb://1")).toBeUndefined();
    expect(parseUriTemplate("a.b://{x}").match("a.b://1")).toEqual({ x: "1" });
  });

  it("expands with percent-encoding", () => {
    expect(parseUriTemplate("x://{a}/{b}").expand({ a: "one two", b: "é" })).toBe("x://one%20two/%C3%A9");
  });

  it("rejects duplicate variables", () => {
    expect(() => parseUriTemplate("x://{a}/{a}")).toThrowError(/twice/);
  });
});
