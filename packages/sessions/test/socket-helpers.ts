/**
 * `connect()` with the `cloudflare:sockets` shape on Node's TCP sockets, so the socket Redis
 * client runs against the real Redis in vitest. The Worker itself is tested under workerd in
 * apps/cloudflare.
 */
import { connect as connectTcp } from "node:net";
import { Duplex } from "node:stream";
import type { SocketConnect } from "../src/workers.js";

export const nodeSocketConnect: SocketConnect = ({ hostname, port }) => {
  const socket = connectTcp({ host: hostname, port });
  const { readable, writable } = Duplex.toWeb(socket);
  return {
    readable: readable as ReadableStream<Uint8Array>,
    writable: writable as WritableStream<Uint8Array>,
    close: () => {
      socket.destroy();
    },
  };
};
