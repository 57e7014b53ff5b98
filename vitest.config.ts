import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run against the TypeScript sources: the package's self-reference
// (`coralseq/codec`, used by generated code) resolves to runtime/ here rather
// than to a possibly stale dist/.
const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^coralseq\/codec$/, replacement: src("./runtime/codec/index.ts") },
      { find: /^coralseq$/, replacement: src("./runtime/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
