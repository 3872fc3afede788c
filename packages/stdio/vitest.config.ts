import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    // The files share no module state they rely on, so a worker reuses the modules it loaded
    // across files instead of importing them again per file.
    isolate: false,
  },
});
