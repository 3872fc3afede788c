// Writes config.schema.json from the TypeBox schema (run after `pnpm build`).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchemaText } from "../dist/config/json-schema.js";

const target = fileURLToPath(new URL("../config.schema.json", import.meta.url));
writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${target}`);
