/**
 * RFC 6570 level-1 URI templates (`{var}` simple string expansion) with variable extraction.
 * @see https://www.rfc-editor.org/rfc/rfc6570#section-1.2
 */
import { McpError } from "./errors.js";

/** A compiled level-1 template. */
export interface UriTemplate {
  readonly template: string;
  readonly variables: readonly string[];
  /** Variables extracted from `uri`, or undefined when it does not match. */
  match(uri: string): Record<string, string> | undefined;
  /** Builds a URI from variables (values percent-encoded as RFC 6570 simple expansion). */
  expand(variables: Record<string, string>): string;
}

const VARIABLE = /\{([A-Za-z0-9_.%]+)\}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Parses a level-1 template; throws `McpError("invalid_definition")` for operators or bad braces. */
export function parseUriTemplate(template: string): UriTemplate {
  const variables: string[] = [];
  let pattern = "^";
  let last = 0;
  for (const found of template.matchAll(VARIABLE)) {
    const name = found[1] as string;
    if (variables.includes(name)) {
      throw new McpError("invalid_definition", `uri template "${template}": variable {${name}} appears twice; use distinct names`);
    }
    variables.push(name);
    pattern += escapeRegExp(template.slice(last, found.index)) + "([^/?#]+)";
    last = found.index + found[0].length;
  }
  const tail = template.slice(last);
  const literalPart = template.replace(VARIABLE, "");
  if (literalPart.includes("{") || literalPart.includes("}")) {
    throw new McpError(
      "invalid_definition",
      `uri template "${template}": only level-1 {name} variables are supported (no operators like {+x} or {?x})`,
    );
  }
  pattern += escapeRegExp(tail) + "$";
  const regex = new RegExp(pattern);
  return {
    template,
    variables,
    match(uri) {
      const found = regex.exec(uri);
      if (found === null) return undefined;
      const result: Record<string, string> = {};
      variables.forEach((name, index) => {
        result[name] = safeDecode(found[index + 1] as string);
      });
      return result;
    },
    expand(values) {
      return template.replace(VARIABLE, (_whole, name: string) => encodeURIComponent(values[name] ?? ""));
    },
  };
}
