import { describe, expect, it } from "vitest";
import { directoryNameOf, validateProjectName } from "./project-name.js";

describe("validateProjectName", () => {
  it("accepts npm package names, scoped or not", () => {
    for (const name of ["app", "my-server", "a.b_c~d", "@acme/tools", "x1"]) expect(validateProjectName(name)).toBeUndefined();
  });

  it("says what is wrong with names npm rejects", () => {
    expect(validateProjectName("")).toMatch(/empty/);
    expect(validateProjectName("MyApp")).toMatch(/capital letters.*myapp/);
    expect(validateProjectName(".hidden")).toMatch(/must not start with/);
    expect(validateProjectName("_private")).toMatch(/must not start with/);
    expect(validateProjectName("has space")).toMatch(/only lowercase letters/);
    expect(validateProjectName("a/b")).toMatch(/only lowercase letters/);
    expect(validateProjectName("@scope")).toMatch(/@scope\/name/);
    expect(validateProjectName("node_modules")).toMatch(/reserved/);
    expect(validateProjectName("http")).toMatch(/core module/);
    expect(validateProjectName("a".repeat(215))).toMatch(/at most 214/);
  });

  it("names the folder without the scope", () => {
    expect(directoryNameOf("@acme/tools")).toBe("tools");
    expect(directoryNameOf("tools")).toBe("tools");
  });
});
