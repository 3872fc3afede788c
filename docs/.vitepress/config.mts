import { defineConfig } from "vitepress";

export default defineConfig({
  title: "chuk-mcp",
  description: "Model Context Protocol servers in TypeScript",
  cleanUrls: true,
  srcExclude: ["scripts/**", "test/**", ".samples/**", "node_modules/**"],
  ignoreDeadLinks: [/^https?:\/\/(127\.0\.0\.1|localhost)/],
  themeConfig: {
    nav: [
      { text: "Guide", link: "/getting-started" },
      { text: "Migration", link: "/migration/python" },
      { text: "API", link: "/api/" },
      { text: "Benchmarks", link: "/benchmarks" },
    ],
    sidebar: [
      { text: "Start", items: [{ text: "Getting started", link: "/getting-started" }, { text: "Testing", link: "/guide/testing" }] },
      {
        text: "Guides",
        items: [
          { text: "Authentication", link: "/guide/auth" },
          { text: "Proxy", link: "/guide/proxy" },
          { text: "Sessions and artifacts", link: "/guide/sessions-artifacts" },
          { text: "Runtime YAML", link: "/guide/runtime" },
          { text: "Serverless targets", link: "/guide/serverless" },
          { text: "Middleware and policies", link: "/guide/policies" },
        ],
      },
      { text: "Migration", items: [{ text: "From the Python originals", link: "/migration/python" }, { text: "From the official SDK", link: "/migration/sdk" }] },
      { text: "Reference", items: [{ text: "API reference", link: "/api/" }, { text: "Benchmarks", link: "/benchmarks" }] },
    ],
    search: { provider: "local" },
    socialLinks: [{ icon: "github", link: "https://github.com/chrishayuk/chuk-mcp" }],
  },
});
