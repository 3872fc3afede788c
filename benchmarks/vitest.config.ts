import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.mjs", "test/**/*.test.mjs"],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // The integration tests start real servers; running files one at a time keeps
    // them from competing for the two cores.
    fileParallelism: false,
  },
});
