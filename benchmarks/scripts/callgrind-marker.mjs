/**
 * Preloaded into a server that scripts/http-callgrind.mjs runs under callgrind (`node --import`):
 * on SIGUSR2 it calls `os.loadavg()`, the function callgrind dumps its counts before
 * (`--dump-before=*GetLoadAvg*`), then prints `MARK` so the client knows the dump happened. Two
 * marks around the measured requests make the second dump exactly those requests.
 */
import { loadavg } from "node:os";

process.on("SIGUSR2", () => {
  loadavg();
  process.stdout.write("MARK\n");
});
