/**
 * A deliberately bad worker: it imports a Node built-in. The bundler guard must reject it,
 * which proves the guard can fail.
 */
import { readFileSync } from "node:fs";

export const read = readFileSync;
