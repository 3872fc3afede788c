import { createAuthorizationServer, createResourceServer, type AuthorizationServer, type ResourceServer } from "@chuk-mcp/auth";
import type { ServeOptions } from "@chuk-mcp/http/node";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { HttpRoutes, HttpServeOptions, RunAuthorizationServer, RunResourceServer } from "./run-types.js";

/** The Hono app type `@chuk-mcp/http` passes to `routes` callbacks. */
type HonoApp = Parameters<Extract<NonNullable<ServeOptions["routes"]>, (...args: never[]) => void>>[0];

// run-types.ts declares locally what @chuk-mcp/http and @chuk-mcp/auth define, so chuk-mcp's
// published types need neither. These checks fail to compile when the two drift apart.
describe("run()'s local option types match the optional peers' real ones", () => {
  it("accepts every @chuk-mcp/http ServeOptions setting, and passes through as ServeOptions", () => {
    expectTypeOf<Omit<ServeOptions, "port" | "host" | "path" | "routes">>().toExtend<Omit<HttpServeOptions, "routes">>();
    expectTypeOf<Omit<HttpServeOptions, "routes">>().toExtend<Omit<ServeOptions, "port" | "host" | "path" | "routes">>();
    expectTypeOf<keyof Omit<ServeOptions, "port" | "host" | "path">>().toEqualTypeOf<keyof HttpServeOptions>();
  });

  it("accepts a routes callback typed with Hono's app", () => {
    const routes: HttpRoutes = (app: HonoApp) => {
      app.get("/hello", (c) => c.text("hi"));
    };
    expect(typeof routes).toBe("function");
    expectTypeOf<HonoApp>().toExtend<Parameters<HttpRoutes>[0]>();
  });

  it("accepts @chuk-mcp/auth's ResourceServer and AuthorizationServer", () => {
    expectTypeOf<ResourceServer>().toExtend<RunResourceServer>();
    expectTypeOf<AuthorizationServer>().toExtend<RunAuthorizationServer>();
    const resourceServer: RunResourceServer = createResourceServer({ jwt: { secret: "x".repeat(32) }, resource: "https://mcp.example.com/mcp" });
    expect(resourceServer.protectedResourceMetadata()).toMatchObject({ resource: "https://mcp.example.com/mcp" });
    expectTypeOf(createAuthorizationServer).returns.toExtend<RunAuthorizationServer>();
  });
});
