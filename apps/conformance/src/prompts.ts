/**
 * Prompt fixtures: a plain prompt, one with two substituted arguments (and completions for
 * `arg1`), one embedding a resource and one carrying an image.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/prompts
 */
import type { FixtureHost, PromptDefinition } from "./host.js";
import { RED_PIXEL_PNG_BASE64 } from "./media.js";

export const SIMPLE_PROMPT_TEXT = "This is a simple prompt for testing.";
export const EMBEDDED_PROMPT_TEXT = "Embedded resource content for testing.";

/** Completion candidates for `arg1` of `test_prompt_with_arguments`. */
export const ARG1_CANDIDATES = ["paris", "park", "party", "test", "testing", "test-value"];

export const prompts: PromptDefinition[] = [
  {
    name: "test_simple_prompt",
    description: "A simple prompt without arguments",
    get: async () => [{ role: "user", content: { type: "text", text: SIMPLE_PROMPT_TEXT } }],
  },
  {
    name: "test_prompt_with_arguments",
    description: "A prompt that substitutes two arguments",
    arguments: [
      { name: "arg1", description: "First test argument", required: true },
      { name: "arg2", description: "Second test argument", required: true },
    ],
    complete: {
      arg1: (value) => ARG1_CANDIDATES.filter((candidate) => candidate.startsWith(value)),
    },
    get: async (args) => [
      {
        role: "user",
        content: { type: "text", text: `Prompt with arguments: arg1='${args.arg1 ?? ""}', arg2='${args.arg2 ?? ""}'` },
      },
    ],
  },
  {
    name: "test_prompt_with_embedded_resource",
    description: "A prompt that embeds the resource named by resourceUri",
    arguments: [{ name: "resourceUri", description: "URI of the resource to embed", required: true }],
    get: async (args) => [
      {
        role: "user",
        content: {
          type: "resource",
          resource: { uri: args.resourceUri ?? "test://example-resource", mimeType: "text/plain", text: EMBEDDED_PROMPT_TEXT },
        },
      },
      { role: "user", content: { type: "text", text: "Please process the embedded resource above." } },
    ],
  },
  {
    name: "test_prompt_with_image",
    description: "A prompt that carries an image",
    get: async () => [
      { role: "user", content: { type: "image", data: RED_PIXEL_PNG_BASE64, mimeType: "image/png" } },
      { role: "user", content: { type: "text", text: "Please analyze the image above." } },
    ],
  },
];

/** Registers the prompt fixtures on `host`. */
export function registerPrompts(host: FixtureHost): void {
  for (const definition of prompts) host.prompt(definition);
}
