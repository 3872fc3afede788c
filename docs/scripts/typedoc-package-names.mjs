// TypeDoc names a module after its path ("core/src"); readers know packages by the name
// they import ("@chuk-mcp/core", "@chuk-mcp/core/testing").
import { Converter } from "typedoc";
import { publicPackages, typedocModuleName } from "./packages.mjs";

export function load(app) {
  const names = new Map();
  for (const pkg of publicPackages()) for (const entry of pkg.entries) names.set(typedocModuleName(entry.source), entry.importName);
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) module.name = names.get(module.name) ?? module.name;
  });
}
