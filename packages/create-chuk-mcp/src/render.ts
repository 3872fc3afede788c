const PLACEHOLDER = /\{\{([a-zA-Z0-9@/:._-]+)\}\}/g;

/**
 * Replaces every `{{key}}` in a template file with its value.
 * @throws {Error} for a placeholder with no value (a template bug, caught by the tests).
 */
export function renderTemplate(text: string, values: ReadonlyMap<string, string>, file: string): string {
  return text.replace(PLACEHOLDER, (_match, key: string) => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`template file ${file} uses {{${key}}}, which has no value`);
    return value;
  });
}

// npm drops .gitignore from tarballs and treats a nested package.json as a package, so the
// template folders store these files under other names.
const RENAMES = new Map([
  ["_gitignore", ".gitignore"],
  ["_dockerignore", ".dockerignore"],
  ["_package.json", "package.json"],
]);

/** The name a template file gets in the generated project. */
export function outputNameOf(templateFileName: string): string {
  return RENAMES.get(templateFileName) ?? templateFileName;
}
