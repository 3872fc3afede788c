/**
 * How upstream names become downstream names, and back.
 *
 * Tools and prompts: `<namespace>.<server>.<name>` (or `<server>.<name>` with no namespace),
 * optionally `<server>_<name>` sanitised for OpenAI, optionally the bare name. Resource URIs
 * get the server as a URI scheme prefix (`everything+test://x`), which is reversible because
 * server names never contain `+`.
 */
import type { NamingOptions, ToolFilter } from "./config.js";

/** OpenAI function names. */
export const OPENAI_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** A small stable hash (FNV-1a, 32 bit) used to keep truncated names distinct. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/**
 * `text` as an OpenAI function name: every character outside `[a-zA-Z0-9_-]` becomes `_`;
 * a result that is empty or over 64 characters is cut to 55 and gets `_` + an 8-digit hash
 * of `text`, so long names stay distinct.
 */
export function openaiSafeName(text: string): string {
  const clean = text.replace(/[^a-zA-Z0-9_-]/g, "_");
  if (clean.length >= 1 && clean.length <= 64) return clean;
  return openaiHashedName(text);
}

/** The hashed form of `openaiSafeName` even when `text` would fit: for breaking a name clash. */
export function openaiHashedName(text: string): string {
  return `${text.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 55)}_${shortHash(text)}`;
}

/** `<server>_<name>` with every other character turned into `_`, at most 64 characters. */
export function openaiName(server: string, name: string): string {
  return openaiSafeName(`${server}_${name}`);
}

/** The dotted, namespaced name. */
export function namespacedName(namespace: string, server: string, name: string): string {
  return namespace === "" ? `${server}.${name}` : `${namespace}.${server}.${name}`;
}

/** Every downstream name a proxied tool or prompt gets, in priority order. */
export function exposedNames(options: Required<NamingOptions>, server: string, name: string): { name: string; kind: "namespaced" | "openai" | "alias" }[] {
  const names: { name: string; kind: "namespaced" | "openai" | "alias" }[] = [];
  if (!options.onlyOpenaiTools) names.push({ name: namespacedName(options.namespace, server, name), kind: "namespaced" });
  if (options.openaiCompatible || options.onlyOpenaiTools) names.push({ name: openaiName(server, name), kind: "openai" });
  if (options.keepRootAliases && !names.some((entry) => entry.name === name)) names.push({ name, kind: "alias" });
  return names;
}

/** Applies a server's allow/deny list and renames; undefined means the tool is hidden. */
export function filterToolName(filter: ToolFilter | undefined, name: string): string | undefined {
  if (filter === undefined) return name;
  if (filter.allow !== undefined && !filter.allow.includes(name)) return undefined;
  if (filter.deny?.includes(name)) return undefined;
  // An upstream tool named "constructor" must not pick up Object.prototype.constructor as its new name.
  const rename = filter.rename;
  return rename !== undefined && Object.hasOwn(rename, name) ? (rename[name] as string) : name;
}

/** `everything+test://x` for server `everything` and upstream URI `test://x`. */
export function namespaceUri(server: string, uri: string): string {
  return `${server}+${uri}`;
}

/** The server and upstream URI of a namespaced URI, or undefined when it is not one. */
export function parseNamespacedUri(uri: string): { server: string; uri: string } | undefined {
  const plus = uri.indexOf("+");
  const colon = uri.indexOf(":");
  if (plus <= 0 || colon < plus) return undefined;
  return { server: uri.slice(0, plus), uri: uri.slice(plus + 1) };
}
