import { describe, expect, it } from "vitest";
import { exposedNames, filterToolName, namespacedName, namespaceUri, OPENAI_NAME_PATTERN, openaiHashedName, openaiName, openaiSafeName, parseNamespacedUri } from "./naming.js";

const defaults = { namespace: "proxy", openaiCompatible: false, onlyOpenaiTools: false, keepRootAliases: false };

describe("naming", () => {
  it("namespaces tools as <namespace>.<server>.<tool>, or <server>.<tool> with no namespace", () => {
    expect(namespacedName("proxy", "fs", "read_file")).toBe("proxy.fs.read_file");
    expect(namespacedName("", "fs", "read_file")).toBe("fs.read_file");
  });

  it("sanitises OpenAI names to the allowed alphabet and length", () => {
    expect(openaiName("fs", "read.file v2")).toBe("fs_read_file_v2");
    const long = openaiName("server", "x".repeat(100));
    expect(long).toMatch(OPENAI_NAME_PATTERN);
    expect(long.length).toBe(64);
    expect(openaiName("server", `${"x".repeat(100)}a`)).not.toBe(openaiName("server", `${"x".repeat(100)}b`));
  });

  it("exposes the names the options ask for, in priority order", () => {
    expect(exposedNames(defaults, "fs", "read").map((entry) => entry.name)).toEqual(["proxy.fs.read"]);
    expect(exposedNames({ ...defaults, openaiCompatible: true, keepRootAliases: true }, "fs", "read").map((entry) => entry.name)).toEqual([
      "proxy.fs.read",
      "fs_read",
      "read",
    ]);
    expect(exposedNames({ ...defaults, onlyOpenaiTools: true }, "fs", "read").map((entry) => entry.name)).toEqual(["fs_read"]);
  });

  it("applies allow, deny and rename lists", () => {
    const filter = { allow: ["a", "b", "c"], deny: ["b"], rename: { c: "see" } };
    expect(filterToolName(filter, "a")).toBe("a");
    expect(filterToolName(filter, "b")).toBeUndefined();
    expect(filterToolName(filter, "c")).toBe("see");
    expect(filterToolName(filter, "d")).toBeUndefined();
    expect(filterToolName(undefined, "d")).toBe("d");
  });

  it("namespaces resource URIs reversibly", () => {
    for (const uri of ["test://static/1", "file:///tmp/a+b.txt", "demo://x?y=1+2"]) {
      const namespaced = namespaceUri("fs", uri);
      expect(parseNamespacedUri(namespaced)).toEqual({ server: "fs", uri });
    }
    expect(parseNamespacedUri("test://no-server")).toBeUndefined();
  });
});

describe("openaiSafeName (shared with @chuk-mcp/runtime's OpenAI bridge)", () => {
  it("is what openaiName applies to `<server>_<name>`", () => {
    for (const [server, name] of [["github", "create.issue"], ["a", "x".repeat(80)], ["s", "ü/ñ"]] as const) {
      expect(openaiName(server, name)).toBe(openaiSafeName(`${server}_${name}`));
    }
  });

  it("keeps a valid name, replaces other characters, and hashes empty or over-long names", () => {
    expect(openaiSafeName("get_weather")).toBe("get_weather");
    expect(openaiSafeName("math.add")).toBe("math_add");
    expect(openaiSafeName("")).toMatch(/^_[0-9a-f]{8}$/);
    const long = openaiSafeName("t".repeat(100));
    expect(long).toHaveLength(64);
    expect(long).not.toBe(openaiSafeName(`${"t".repeat(99)}u`));
  });

  it("gives a hashed form that differs from the plain one, for breaking clashes", () => {
    expect(openaiHashedName("a.b")).toMatch(/^a_b_[0-9a-f]{8}$/);
    expect(openaiHashedName("a.b")).not.toBe(openaiHashedName("a_b"));
  });
});
