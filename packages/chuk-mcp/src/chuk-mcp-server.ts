import { McpServer, type DefinitionHandle, type McpServerOptions, type SchemaInput, type ToolDefinition } from "@chuk-mcp/core";
import { isStandardSchema, toCoreToolDefinition, type StandardSchemaV1, type StandardToolDefinition } from "./standard-schema.js";
import { createLogger, type Logger } from "./logger.js";
import { findPackageIdentity, programDirectory } from "./package-identity.js";
import { testRunnerHolding } from "./test-runner.js";
import { RUN_FLAGS_HELP, resolveRunOptions, type RunEnvironment, type RunOptions } from "./run-options.js";
import type { HttpServeOptions, RunAuth, RunningServer, StdioStreams } from "./run-types.js";
import { startHttp, startStdio } from "./transports.js";
import { UsageError } from "./usage-error.js";

/** Options of `new ChukMCPServer()`: core's options with `name` and `version` optional. */
export interface ChukMCPServerOptions extends Omit<McpServerOptions, "name" | "version"> {
  /**
   * Server name shown to clients. Default: `MCP_SERVER_NAME`, else the `name` of the nearest
   * `package.json` above the entry script (or the working directory), else `"chuk-mcp-server"`.
   */
  readonly name?: string;
  /** Server version shown to clients. Default: `MCP_SERVER_VERSION`, else that `package.json`'s `version`, else `"0.0.0"`. */
  readonly version?: string;
}

/** Options of {@link ChukMCPServer.run}. */
export interface ServerRunOptions extends RunOptions {
  /** Command-line flags to read. Default: `process.argv.slice(2)`. */
  readonly argv?: readonly string[];
  /** Environment to read. Default: `process.env`. */
  readonly env?: RunEnvironment;
  /** Streams for the stdio transport. Default: the process's stdin/stdout/stderr. */
  readonly stdio?: StdioStreams;
  /** Extra Streamable HTTP settings (sessions, CORS, body limit...) for `@chuk-mcp/http` (install it to serve HTTP). */
  readonly http?: HttpServeOptions;
  /**
   * Bearer-token authentication for HTTP: a resource server from `@chuk-mcp/auth`'s
   * `createResourceServer()`, `{ authorizationServer }`, or `false` to ignore `JWT_SECRET_KEY`.
   * Default: from `JWT_SECRET_KEY` / `JWT_ALGORITHM` / ... when set, else none.
   */
  readonly auth?: RunAuth;
  /** Logger for the server's own diagnostics. Default: a stderr logger at the resolved level. */
  readonly logger?: Logger;
  /**
   * Serve even when a test runner imported this module. By default `run()` without an
   * explicit `argv` does nothing under a test runner (see README, "Testing"), so importing a
   * server module from a unit test does not start stdio and hang the runner.
   */
  readonly force?: boolean;
  /**
   * On a bad flag/environment value or a failure to start, print the message and exit
   * (code 2 for usage errors, 1 otherwise) instead of rejecting. Default: `true`.
   */
  readonly exitOnError?: boolean;
}

/**
 * An MCP server with batteries: everything `McpServer` from `@chuk-mcp/core` does, plus
 * {@link ChukMCPServer.run}, which picks stdio or Streamable HTTP from flags and environment.
 *
 * @example
 * const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
 * mcp.tool({ name: "hello", input: Type.Object({ name: Type.String() }), handler: ({ name }) => `Hello, ${name}!` });
 * await mcp.run();
 */
export class ChukMCPServer extends McpServer {
  #running: Promise<RunningServer> | undefined;

  constructor(options: ChukMCPServerOptions = {}) {
    const env = process.env;
    const fromEnv = { name: blankToUndefined(env.MCP_SERVER_NAME), version: blankToUndefined(env.MCP_SERVER_VERSION) };
    const needsPackage = (options.name ?? fromEnv.name) === undefined || (options.version ?? fromEnv.version) === undefined;
    const fromPackage = needsPackage ? findPackageIdentity(programDirectory()) : {};
    super({
      ...options,
      name: options.name ?? fromEnv.name ?? fromPackage.name ?? "chuk-mcp-server",
      version: options.version ?? fromEnv.version ?? fromPackage.version ?? "0.0.0",
    });
  }

  /**
   * Registers a tool. `input`/`output` may be TypeBox, plain JSON Schema, or a Standard Schema
   * validator (zod 4, valibot...; see `standard-schema.ts`), whose output type the handler gets.
   */
  override tool<Input extends StandardSchemaV1, Output extends StandardSchemaV1 | SchemaInput = SchemaInput>(
    definition: StandardToolDefinition<Input, Output>,
  ): DefinitionHandle<ToolDefinition>;
  override tool<Input extends SchemaInput, Output extends SchemaInput = SchemaInput>(
    definition: ToolDefinition<Input, Output>,
  ): DefinitionHandle<ToolDefinition<Input, Output>>;
  override tool(definition: ToolDefinition | StandardToolDefinition<StandardSchemaV1>): DefinitionHandle<ToolDefinition> {
    const standard = isStandardSchema(definition.input) || isStandardSchema(definition.output);
    return super.tool(standard ? toCoreToolDefinition(definition as StandardToolDefinition<StandardSchemaV1>) : (definition as ToolDefinition));
  }

  /**
   * Starts serving and resolves once the transport is up. Calling it again returns the
   * same server (so a module that calls `run()` also works under `chuk-mcp run`).
   *
   * Transport: stdio by default; HTTP when `--http`, `--port N`, `MCP_TRANSPORT=http` or
   * `PORT` is given. Flags beat environment, environment beats `options`.
   */
  run(options: ServerRunOptions = {}): Promise<RunningServer> {
    this.#running ??= this.#start(options).catch((error: unknown) => {
      // A failed start (bad flag, busy port) may be retried with other options.
      this.#running = undefined;
      throw error;
    });
    return this.#running;
  }

  async #start(options: ServerRunOptions): Promise<RunningServer> {
    const exitOnError = options.exitOnError ?? true;
    if (options.argv === undefined && options.force !== true) {
      const runner = testRunnerHolding(options.env ?? process.env, process.argv[1]);
      if (runner !== undefined) return skippedRun(runner);
    }
    const argv = options.argv ?? process.argv.slice(2);
    if (argv.includes("--help") || argv.includes("-h")) {
      if (!exitOnError) throw new UsageError(`Options:\n${RUN_FLAGS_HELP}`);
      process.stdout.write(`Options:\n${RUN_FLAGS_HELP}\n`);
      process.exit(0);
    }
    try {
      const env = options.env ?? process.env;
      const resolved = resolveRunOptions(argv, env, options);
      const logger = options.logger ?? createLogger({ level: resolved.logLevel });
      logger.debug(`Starting ${this.info.name} ${this.info.version} on ${resolved.transport}.`);
      if (resolved.transport === "stdio") return await startStdio(this, logger, options.stdio);
      logger.debug(`Leaving to the program: ${resolved.programArguments.join(" ") || "(nothing)"}.`);
      return await startHttp(this, {
        resolved,
        logger,
        env,
        ...(options.http === undefined ? {} : { http: options.http }),
        ...(options.auth === undefined ? {} : { auth: options.auth }),
      });
    } catch (error) {
      if (!exitOnError) throw error;
      const exitCode = error instanceof UsageError ? error.exitCode : 1;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`chuk-mcp: ${message}\n${exitCode === 2 ? "Run with --help for usage.\n" : ""}`);
      process.exit(exitCode);
    }
  }
}

/** What `run()` returns when a test runner holds the process: nothing serves, nothing to close. */
function skippedRun(runner: string): RunningServer {
  process.stderr.write(`chuk-mcp: run() did not serve: a test runner (${runner}) imported this module; keep run() in its own entry file, or pass run({ force: true }).\n`);
  return { transport: "stdio", skipped: true, closed: Promise.resolve(), close: () => Promise.resolve() };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
