import { defineConfig } from "vitest/config";

// templates/ holds the generated projects' own tests; they run inside a generated project.
export default defineConfig({ test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 60_000 } });
