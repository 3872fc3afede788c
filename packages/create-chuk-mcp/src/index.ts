/**
 * create-chuk-mcp: scaffolds chuk-mcp server projects. The `create-chuk-mcp` bin runs
 * {@link runCreate}; `scaffold` is the file-writing step alone, for other CLIs
 * (`chuk-mcp init`) and tests.
 */
export { runCreate, DEFAULT_PROJECT_NAME } from "./run-create.js";
export type { CreateIo } from "./run-create.js";
export { scaffold, planProject } from "./scaffold.js";
export type { ProjectPlan, ScaffoldOptions, ScaffoldResult } from "./scaffold.js";
export { parseCreateArguments, USAGE } from "./arguments.js";
export type { CreateArguments } from "./arguments.js";
export { listTemplates, resolveTemplate, DEFAULT_TEMPLATE } from "./templates.js";
export type { TemplateInfo } from "./templates.js";
export { validateProjectName } from "./project-name.js";
export { detectPackageManager, PACKAGE_MANAGERS } from "./package-manager.js";
export type { PackageManager } from "./package-manager.js";
export { readVersions } from "./versions.js";
export type { Versions } from "./versions.js";
export { CreateError } from "./create-error.js";
export type { CreateErrorCode } from "./create-error.js";
