import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    // The files share no module state they rely on (each uses its own Redis key prefix and
    // stores), so a worker reuses the modules it loaded (ioredis, core) across files instead of
    // importing them again per file: test CPU measured 18 s -> 6 s on this package.
    isolate: false,
  },
});
