import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM script without declarations
import { extractSamples } from "../scripts/check-samples.mjs";

describe("docs sample extraction", () => {
  it("takes ts and typescript fences with their line, marks no-check, and leaves other languages alone", () => {
    const markdown = ["# t", "", "```ts", "const a = 1;", "```", "", "```typescript no-check", "fragment(", "```", "", "```sh", "echo", "```", "", "- item", "  ```ts", "  const b = 2;", "  ```"].join("\n");
    expect(extractSamples(markdown, "t.md")).toEqual([
      { file: "t.md", line: 3, code: "const a = 1;", skip: false },
      { file: "t.md", line: 7, code: "fragment(", skip: true },
      { file: "t.md", line: 16, code: "const b = 2;", skip: false },
    ]);
  });
});
