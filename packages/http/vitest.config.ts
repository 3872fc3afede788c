import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    // The files share no module state they rely on, so a worker reuses what it loaded (core, hono,
    // the SDK clients) across the 24 files instead of importing it again per file: test CPU
    // measured 26 s -> 6 s on this package.
    isolate: false,
  },
});
