/**
 * In-memory task records for the tasks extension (SEP-2663): status, timestamps, the inlined
 * result or error, and the input requests a parked task waits on. Bounded: records expire
 * `ttlMs` after creation and the store never holds more than `maxTasks` (oldest finished first).
 * @see https://modelcontextprotocol.io/seps/2663-tasks-extension
 */
import { ErrorCode, ProtocolError } from "../errors.js";
import type { InputMethod } from "../input-required.js";

/** The tasks extension identifier, used in `capabilities.extensions`. */
export const TASKS_EXTENSION = "io.modelcontextprotocol/tasks";

/** Where a task is in its life. */
export type TaskStatus = "working" | "input_required" | "completed" | "failed" | "cancelled";

/** One outstanding server→client request of a parked task. */
export interface PendingInput {
  method: InputMethod;
  params: Record<string, unknown>;
  resolve: (value: Record<string, unknown>) => void;
  reject: (reason: unknown) => void;
}

/** A task as the engine tracks it. */
export interface TaskRecord {
  readonly taskId: string;
  status: TaskStatus;
  readonly createdAt: string;
  lastUpdatedAt: string;
  readonly ttlMs: number;
  readonly pollIntervalMs: number;
  readonly expiresAt: number;
  /** `auth.subject` of the creator; other callers cannot see the task. */
  readonly owner: string | undefined;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
  readonly pending: Map<string, PendingInput>;
  /** Stops the running handler (tasks/cancel). */
  cancel?: (reason: unknown) => void;
}

/** Options of the tasks extension (`new McpServer({ tasks })`). */
export interface TaskOptions {
  /** How long a task stays readable after creation; default 1 hour. */
  ttlMs?: number;
  /** Suggested polling interval for tasks/get; default 500 ms. */
  pollIntervalMs?: number;
  /** Most tasks kept at once; default 10 000. */
  maxTasks?: number;
}

const TERMINAL: ReadonlySet<TaskStatus> = new Set(["completed", "failed", "cancelled"]);

/** True for completed, failed and cancelled. */
export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL.has(status);
}

/** The tasks of one server. */
export class TaskStore {
  private readonly tasks = new Map<string, TaskRecord>();
  readonly ttlMs: number;
  readonly pollIntervalMs: number;
  readonly maxTasks: number;

  constructor(options: TaskOptions = {}) {
    this.ttlMs = Math.round(options.ttlMs ?? 60 * 60 * 1000);
    this.pollIntervalMs = Math.round(options.pollIntervalMs ?? 500);
    this.maxTasks = options.maxTasks ?? 10_000;
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Creates a working task; it is readable as soon as this returns. */
  create(owner: string | undefined): TaskRecord {
    this.makeRoom();
    const now = Date.now();
    const stamp = new Date(now).toISOString();
    const record: TaskRecord = {
      taskId: crypto.randomUUID(),
      status: "working",
      createdAt: stamp,
      lastUpdatedAt: stamp,
      ttlMs: this.ttlMs,
      pollIntervalMs: this.pollIntervalMs,
      expiresAt: now + this.ttlMs,
      owner,
      pending: new Map(),
    };
    this.tasks.set(record.taskId, record);
    return record;
  }

  /** The live task `taskId` visible to `owner`, or undefined. */
  get(taskId: string, owner: string | undefined): TaskRecord | undefined {
    const record = this.tasks.get(taskId);
    if (record === undefined) return undefined;
    if (record.expiresAt <= Date.now()) {
      this.expire(record);
      return undefined;
    }
    return record.owner === undefined || record.owner === owner ? record : undefined;
  }

  /** Moves a task to `status` (terminal statuses are final). */
  setStatus(record: TaskRecord, status: TaskStatus): void {
    if (isTerminal(record.status)) return;
    record.status = status;
    record.lastUpdatedAt = new Date().toISOString();
  }

  /** Cancels every running task (server close). */
  close(): void {
    for (const record of this.tasks.values()) {
      if (!isTerminal(record.status)) record.cancel?.(new Error("the server closed"));
    }
    this.tasks.clear();
  }

  private expire(record: TaskRecord): void {
    this.tasks.delete(record.taskId);
    if (!isTerminal(record.status)) record.cancel?.(new Error(`task ${record.taskId} expired`));
  }

  private makeRoom(): void {
    const now = Date.now();
    // Every task has the same ttl, so insertion order is expiry order: stop at the first live one.
    for (const record of this.tasks.values()) {
      if (record.expiresAt > now) break;
      this.expire(record);
    }
    if (this.tasks.size < this.maxTasks) return;
    for (const record of this.tasks.values()) {
      if (isTerminal(record.status)) {
        this.tasks.delete(record.taskId);
        return;
      }
    }
    throw new ProtocolError(
      ErrorCode.InternalError,
      `Internal error: ${this.maxTasks} tasks are running, the most this server keeps; cancel some (tasks/cancel) or retry later`,
    );
  }
}
