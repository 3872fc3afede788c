import { ChukMCPServer, Type } from "chuk-mcp";

// A small MCP server of its own (stdio), which config.yaml proxies as `notes`. In a real
// gateway this is any MCP server: a package run with npx, a Python server, a remote URL.

const notes: string[] = [];
const server = new ChukMCPServer({ name: "notes", version: "0.1.0" });

server.tool({
  name: "add_note",
  description: "Remember a note.",
  input: Type.Object({ text: Type.String({ minLength: 1, maxLength: 1000 }) }),
  handler: ({ text }) => {
    notes.push(text);
    return `Saved note ${notes.length}.`;
  },
});

server.tool({
  name: "list_notes",
  description: "List the notes saved so far.",
  annotations: { readOnlyHint: true },
  handler: () => (notes.length === 0 ? "No notes yet." : notes.map((note, index) => `${index + 1}. ${note}`).join("\n")),
});

await server.run({ transport: "stdio" });
