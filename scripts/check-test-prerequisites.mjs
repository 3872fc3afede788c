// `pnpm test` runs this first: a missing prerequisite is one line saying what to install,
// instead of a cascade of failing test tasks. Set CHROMIUM_PATH for a browser elsewhere.
import { accessSync, constants } from "node:fs";
import { connect } from "node:net";

const problems = [];

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
try {
  accessSync(chromium, constants.X_OK);
} catch {
  problems.push(`no Chromium at ${chromium} (the OAuth browser test needs it): install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable`);
}

const redisUp = await new Promise((resolve) => {
  const socket = connect({ host: "127.0.0.1", port: 6379 });
  const done = (up) => {
    socket.destroy();
    resolve(up);
  };
  socket.setTimeout(3000, () => done(false));
  socket.once("error", () => done(false));
  socket.once("connect", () => socket.write("PING\r\n"));
  socket.once("data", (chunk) => done(String(chunk).startsWith("+PONG")));
});
if (!redisUp) {
  problems.push('no Redis at 127.0.0.1:6379 (the session, artifact and policy store tests need it): start one, e.g. redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""');
}

for (const problem of problems) process.stderr.write(`pnpm test: ${problem}\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
