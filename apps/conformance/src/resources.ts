/**
 * Resource fixtures: a static text resource, a static binary (PNG) resource, a resource
 * template that echoes its `{id}`, and a resource clients subscribe to.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/resources
 */
import type { FixtureHost, ResourceContents } from "./host.js";
import { RED_PIXEL_PNG_BASE64 } from "./media.js";

export const STATIC_TEXT = "This is the content of the static text resource.";
export const WATCHED_TEXT = "This resource is watched for updates.";

/** Completion candidates for the template's `{id}` variable. */
export const TEMPLATE_IDS = ["123", "456", "789"];

function uriText(uri: URL | string): string {
  return typeof uri === "string" ? uri : uri.href;
}

/** The JSON text the template returns for one id: it must contain the id. */
export function templateData(id: string): string {
  return JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` });
}

/** Registers the resource fixtures on `host`. */
export function registerResources(host: FixtureHost): void {
  host.resource({
    uri: "test://static-text",
    name: "static-text",
    title: "Static text resource",
    description: "A static text resource for testing",
    mimeType: "text/plain",
    read: async (uri): Promise<ResourceContents> => ({ uri: uriText(uri), mimeType: "text/plain", text: STATIC_TEXT }),
  });
  host.resource({
    uri: "test://static-binary",
    name: "static-binary",
    title: "Static binary resource",
    description: "A static binary resource (1x1 red PNG) for testing",
    mimeType: "image/png",
    read: async (uri): Promise<ResourceContents> => ({
      uri: uriText(uri),
      mimeType: "image/png",
      blob: RED_PIXEL_PNG_BASE64,
    }),
  });
  host.resource({
    uri: "test://watched-resource",
    name: "watched-resource",
    title: "Watched resource",
    description: "A resource clients can subscribe to",
    mimeType: "text/plain",
    read: async (uri): Promise<ResourceContents> => ({ uri: uriText(uri), mimeType: "text/plain", text: WATCHED_TEXT }),
  });
  host.resourceTemplate({
    uriTemplate: "test://template/{id}/data",
    name: "template-data",
    title: "Templated data",
    description: "A resource template whose content reflects the {id} it was read with",
    mimeType: "application/json",
    complete: {
      id: (value) => TEMPLATE_IDS.filter((id) => id.startsWith(value)),
    },
    read: async (uri, variables): Promise<ResourceContents> => ({
      uri: uriText(uri),
      mimeType: "application/json",
      text: templateData(variables.id ?? ""),
    }),
  });
}
