/**
 * Default names for resources and templates registered without one, as the Python original
 * does (its decorators name a resource after the decorated function).
 */

/** Names a function gets from where it was written, not from its author. */
const GENERIC_FUNCTION_NAMES = new Set(["", "read", "anonymous", "default"]);

/** The handler's own name when its author gave it one (`function appConfig()`), else undefined. */
function handlerName(handler: unknown): string | undefined {
  if (typeof handler !== "function") return undefined;
  const name = handler.name;
  if (typeof name !== "string" || GENERIC_FUNCTION_NAMES.has(name) || name.startsWith("bound ")) return undefined;
  return name;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A fixed resource's default name: its `read` function's name when it has one, else the last
 * path segment of the URI (`config://app` → `app`, `file:///docs/readme.md` → `readme.md`),
 * else the URI itself.
 */
export function deriveResourceName(uri: string, read: unknown): string {
  const named = handlerName(read);
  if (named !== undefined) return named;
  const schemeEnd = uri.indexOf("://");
  const rest = (schemeEnd === -1 ? uri.slice(uri.indexOf(":") + 1) : uri.slice(schemeEnd + 3)).split(/[?#]/, 1)[0] ?? "";
  const segments = rest.split("/").filter((segment) => segment !== "");
  const last = segments[segments.length - 1];
  return last === undefined ? uri : decode(last);
}

/**
 * A resource template's default name: its `read` function's name when it has one, else the
 * template itself (templates are keyed by name, so the default must be unique).
 */
export function deriveTemplateName(uriTemplate: string, read: unknown): string {
  return handlerName(read) ?? uriTemplate;
}
