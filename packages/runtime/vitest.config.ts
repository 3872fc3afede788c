import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // No test file keeps module state another relies on (each spawns its own CLI or builds its
    // own runtime), so a worker reuses the modules it loaded across files instead of importing
    // the SDK, the proxy and the HTTP stack again per file: about a sixth of the test CPU.
    isolate: false,
  },
});
