import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Where a started server listens: the bound port and the origin to print or connect to. */
export interface ListeningAddress {
  port: number;
  /** `http://host:port`, with an IPv6 host in brackets. */
  origin: string;
}

/** Starts `httpServer` on `host:port` (0 = a free port); rejects with the listen error (EADDRINUSE, EACCES). */
export async function listenOn(httpServer: Server, port: number, host: string): Promise<ListeningAddress> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const bound = (httpServer.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return { port: bound, origin: `http://${urlHost}:${bound}` };
}
