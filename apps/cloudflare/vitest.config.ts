import { defineConfig } from "vitest/config";

// One local runtime per file, started in beforeAll; the first workerd start can take a while on CI.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 120_000, fileParallelism: false },
});
