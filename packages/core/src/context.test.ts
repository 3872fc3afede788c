import { describe, expect, it } from "vitest";
import { getContext, getSessionId, getUserId, PermissionError, requireUserId, runWithContext } from "./index.js";
import { createRequestStateSigner } from "./request-state.js";

describe("ambient context", () => {
  it("is undefined outside a request", () => {
    expect(getContext()).toBeUndefined();
    expect(getUserId()).toBeUndefined();
    expect(() => requireUserId()).toThrow(PermissionError);
  });

  it("carries session and user through async calls", async () => {
    const seen = await runWithContext({ sessionId: "s1", auth: { subject: "alice", scopes: [] } }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [getSessionId(), getUserId(), requireUserId()];
    });
    expect(seen).toEqual(["s1", "alice", "alice"]);
  });

  it("requireUserId throws a permission_denied error that says what to do", () => {
    try {
      requireUserId();
      expect.unreachable();
    } catch (error) {
      expect((error as PermissionError).code).toBe("permission_denied");
      expect((error as Error).message).toMatch(/sign in/);
    }
  });
});

describe("request state signing", () => {
  it("round-trips and rejects any change", async () => {
    const signer = createRequestStateSigner("k");
    const state = await signer.sign({ a: 1 });
    expect(await signer.verify(state)).toEqual({ a: 1 });
    const [body, signature] = state.split(".") as [string, string];
    expect(await signer.verify(`${body}x.${signature}`)).toBeUndefined();
    expect(await signer.verify(`${body}.${signature.slice(0, -2)}AA`)).toBeUndefined();
    expect(await signer.verify("not-a-state")).toBeUndefined();
    expect(await createRequestStateSigner("other").verify(state)).toBeUndefined();
  });
});
