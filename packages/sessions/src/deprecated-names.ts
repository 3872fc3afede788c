/**
 * The names this package used before the store vocabulary was unified (see CONTRIBUTING.md,
 * "Store vocabulary"). Each is the same value or type under its old name, kept for one release
 * so existing imports keep compiling; they are removed in the next major.
 */
import type { EventStore, SessionStateStore, StoredEvent } from "@chuk-mcp/core";
import { createSessionRecordStore, type CreateSessionRecordStoreOptions } from "./create-session-record-store.js";
import { RecordSessionStateStore, type RecordSessionStateStoreOptions } from "./http/record-session-state-store.js";
import { RedisEventStore, type RedisEventStoreOptions } from "./http/redis-event-store.js";
import { MemoryMessageEventStore, type EventRetentionOptions, type MemoryMessageEventStoreOptions } from "./memory-message-event-store.js";
import { MemorySessionRecordStore, type MemorySessionRecordStoreOptions } from "./memory-session-record-store.js";
import { RedisMessageEventStore, type RedisMessageEventStoreOptions } from "./redis-message-event-store.js";
import { RedisSessionRecordStore, type RedisSessionRecordStoreOptions } from "./redis-session-record-store.js";
import type { MessageEventReplay, MessageEventStore, SessionRecordStore, StoredMessageEvent } from "./types.js";

/** @deprecated use {@link SessionRecordStore} (renamed; this alias goes in the next major). */
export type SessionStore = SessionRecordStore;
/** @deprecated use {@link MemorySessionRecordStore} (renamed; this alias goes in the next major). */
export const MemorySessionStore = MemorySessionRecordStore;
/** @deprecated use {@link MemorySessionRecordStore} (renamed; this alias goes in the next major). */
export type MemorySessionStore = MemorySessionRecordStore;
/** @deprecated use {@link MemorySessionRecordStoreOptions} (renamed; this alias goes in the next major). */
export type MemorySessionStoreOptions = MemorySessionRecordStoreOptions;
/** @deprecated use {@link RedisSessionRecordStore} (renamed; this alias goes in the next major). */
export const RedisSessionStore = RedisSessionRecordStore;
/** @deprecated use {@link RedisSessionRecordStore} (renamed; this alias goes in the next major). */
export type RedisSessionStore = RedisSessionRecordStore;
/** @deprecated use {@link RedisSessionRecordStoreOptions} (renamed; this alias goes in the next major). */
export type RedisSessionStoreOptions = RedisSessionRecordStoreOptions;
/** @deprecated use {@link createSessionRecordStore} (renamed; this alias goes in the next major). */
export const createSessionStore = createSessionRecordStore;
/** @deprecated use {@link CreateSessionRecordStoreOptions} (renamed; this alias goes in the next major). */
export type CreateSessionStoreOptions = CreateSessionRecordStoreOptions;

/** @deprecated use {@link RecordSessionStateStore} (renamed; this alias goes in the next major). */
export const HttpSessionStore = RecordSessionStateStore;
/** @deprecated use {@link RecordSessionStateStore} (renamed; this alias goes in the next major). */
export type HttpSessionStore = RecordSessionStateStore;
/** @deprecated use {@link RecordSessionStateStoreOptions} (renamed; this alias goes in the next major). */
export type HttpSessionStoreOptions = RecordSessionStateStoreOptions;
/** @deprecated use `SessionStateStore` (`@chuk-mcp/core`'s, re-exported here; this alias goes in the next major). */
export type HttpSessionStateStore = SessionStateStore;

/** @deprecated use {@link RedisEventStore} (renamed; this alias goes in the next major). */
export const RedisHttpEventStore = RedisEventStore;
/** @deprecated use {@link RedisEventStore} (renamed; this alias goes in the next major). */
export type RedisHttpEventStore = RedisEventStore;
/** @deprecated use {@link RedisEventStoreOptions} (renamed; this alias goes in the next major). */
export type RedisHttpEventStoreOptions = RedisEventStoreOptions;
/** @deprecated use `EventStore` (`@chuk-mcp/core`'s, re-exported here; this alias goes in the next major). */
export type HttpEventStore = EventStore;
/** @deprecated use `StoredEvent` (`@chuk-mcp/core`'s, re-exported here; this alias goes in the next major). */
export type HttpStoredEvent = StoredEvent;

/** @deprecated use {@link MessageEventStore} (renamed; this alias goes in the next major). */
export type EventLog = MessageEventStore;
/** @deprecated use {@link MemoryMessageEventStore} (renamed; this alias goes in the next major). */
export const MemoryEventLog = MemoryMessageEventStore;
/** @deprecated use {@link MemoryMessageEventStore} (renamed; this alias goes in the next major). */
export type MemoryEventLog = MemoryMessageEventStore;
/** @deprecated use {@link RedisMessageEventStore} (renamed; this alias goes in the next major). */
export const RedisEventLog = RedisMessageEventStore;
/** @deprecated use {@link RedisMessageEventStore} (renamed; this alias goes in the next major). */
export type RedisEventLog = RedisMessageEventStore;
/** @deprecated use {@link EventRetentionOptions} (renamed; this alias goes in the next major). */
export type EventLogOptions = EventRetentionOptions;
/** @deprecated use {@link MemoryMessageEventStoreOptions} (renamed; this alias goes in the next major). */
export type MemoryEventLogOptions = MemoryMessageEventStoreOptions;
/** @deprecated use {@link RedisMessageEventStoreOptions} (renamed; this alias goes in the next major). */
export type RedisEventLogOptions = RedisMessageEventStoreOptions;
/** @deprecated use {@link StoredMessageEvent} (renamed; this alias goes in the next major). */
export type LoggedEvent = StoredMessageEvent;
/** @deprecated use {@link MessageEventReplay} (renamed; this alias goes in the next major). */
export type EventReplay = MessageEventReplay;
