import * as artifacts from "@chuk-mcp/artifacts";
import * as proxy from "@chuk-mcp/proxy";
import * as sessions from "@chuk-mcp/sessions";
import { describe, expect, it } from "vitest";
import { ARTIFACT_TOOL_NAMES, OPENAI_NAME_PATTERN, SERVER_NAME_PATTERN, SESSION_TOOL_NAMES } from "./known-names.js";

describe("known names", () => {
  it("match the packages that own them", () => {
    expect(SESSION_TOOL_NAMES).toEqual(sessions.SESSION_TOOL_NAMES);
    expect(ARTIFACT_TOOL_NAMES).toEqual(artifacts.ARTIFACT_TOOL_NAMES);
    expect(String(SERVER_NAME_PATTERN)).toBe(String(proxy.SERVER_NAME_PATTERN));
    expect(String(OPENAI_NAME_PATTERN)).toBe(String(proxy.OPENAI_NAME_PATTERN));
  });
});
