import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The test files share no module state (each keeps its own cleanups and child processes), so a
    // worker may reuse the modules it has loaded (the MCP SDK, zod, the proxy) across files instead
    // of importing them again for each of the 18 files: about a fifth of the package's test CPU.
    isolate: false,
  },
});
