import { cancel, confirm, isCancel, select, text } from "@clack/prompts";
import type { Readable, Writable } from "node:stream";
import { CreateError } from "./create-error.js";
import { PACKAGE_MANAGERS, type PackageManager } from "./package-manager.js";
import { validateProjectName } from "./project-name.js";
import type { TemplateInfo } from "./templates.js";

/** Answers the interactive flow collects. */
export interface Answers {
  readonly name: string;
  readonly template: string;
  readonly packageManager: PackageManager;
  readonly install: boolean;
  readonly git: boolean;
}

/** What is already decided (by flags) and what the prompts default to. */
export interface PromptInput {
  readonly name?: string;
  readonly template?: string;
  readonly packageManager?: PackageManager;
  readonly install?: boolean;
  readonly git?: boolean;
  readonly defaults: Answers;
  readonly templates: readonly TemplateInfo[];
  readonly streams: { readonly input: Readable; readonly output: Writable };
}

function answered<T>(value: T, output: Writable): Exclude<T, symbol> {
  if (isCancel(value)) {
    cancel("Cancelled; nothing was written.", { output });
    throw new CreateError("cancelled", "cancelled; nothing was written", { exitCode: 1 });
  }
  return value as Exclude<T, symbol>;
}

/** Asks for every setting the flags left open, with @clack/prompts. */
export async function askAnswers(input: PromptInput): Promise<Answers> {
  const { defaults, streams } = input;
  const name =
    input.name ??
    answered(
      await text({
        ...streams,
        message: "Project name",
        placeholder: defaults.name,
        defaultValue: defaults.name,
        validate: (value) => (value === undefined || value === "" ? undefined : validateProjectName(value)),
      }),
      streams.output,
    );
  const template =
    input.template ??
    (input.templates.length === 1
      ? defaults.template
      : answered(
          await select({
            ...streams,
            message: "Template",
            initialValue: defaults.template,
            options: input.templates.map((template) => ({ value: template.name, label: template.name, hint: template.description })),
          }),
          streams.output,
        ));
  const packageManager =
    input.packageManager ??
    answered(
      await select<PackageManager>({
        ...streams,
        message: "Package manager",
        initialValue: defaults.packageManager,
        options: PACKAGE_MANAGERS.map((manager) => ({ value: manager, label: manager })),
      }),
      streams.output,
    );
  const install = input.install ?? answered(await confirm({ ...streams, message: `Install dependencies with ${packageManager} now?`, initialValue: defaults.install }), streams.output);
  const git = input.git ?? answered(await confirm({ ...streams, message: "Initialize a git repository?", initialValue: defaults.git }), streams.output);
  return { name: name === "" ? defaults.name : name, template, packageManager, install, git };
}
