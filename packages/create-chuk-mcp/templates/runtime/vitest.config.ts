import { defineConfig } from "vitest/config";

// The gateway starts a child process per test file: give slow machines time.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
