import { describe, expect, it } from "vitest";
import { idJson, quoteJson } from "./json-text.js";

describe("quoteJson / idJson", () => {
  it("equals JSON.stringify for text that needs escaping and text that does not", () => {
    const samples = [
      "",
      "3",
      "plain text",
      'a "quoted" word',
      "back\\slash",
      "line\nbreak\ttab\r",
      "\u0000\u001f\u007f",
      "héllo €",
      "emoji 😀 pair",
      "lone \ud800 high",
      "lone \udfff low",
      "x".repeat(64),
      `${"y".repeat(70)}"`,
      "</script>",
    ];
    for (const text of samples) expect(quoteJson(text)).toBe(JSON.stringify(text));
  });

  it("equals JSON.stringify on random strings of every character class", () => {
    const alphabet = ['"', "\\", "\n", "\u0001", "a", "Z", "é", "€", "\ud83d", "\ude00", " ", "/"];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let round = 0; round < 2000; round += 1) {
      let text = "";
      const length = next() % 80;
      for (let index = 0; index < length; index += 1) text += alphabet[next() % alphabet.length];
      expect(quoteJson(text)).toBe(JSON.stringify(text));
    }
  });

  it("writes ids as JSON.stringify does", () => {
    for (const id of [0, -0, 1, -42, 3.5, 1e21, 123456789012, Number.MAX_SAFE_INTEGER, "abc", 'q"uote', ""]) {
      expect(idJson(id)).toBe(JSON.stringify(id));
    }
  });
});
