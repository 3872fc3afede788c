export { serveStdio } from "./serve-stdio.js";
export { LineDecoder } from "./line-decoder.js";
export type { LineDecoderOptions, LineItem, OversizeLine } from "./line-decoder.js";
export { redirectConsoleToStderr } from "./console-redirect.js";
export { capYoungGeneration, DEFAULT_YOUNG_GENERATION_CAP_MB, youngGenerationBytes } from "./young-generation.js";
export type { YoungGenerationCap, YoungGenerationCapState } from "./young-generation.js";
export type {
  ServeStdioOptions,
  StdioEngine,
  StdioLogLevel,
  StdioLogger,
  StdioServer,
  StdioSession,
} from "./types.js";
