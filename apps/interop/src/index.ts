export { createInteropServer } from "./interop-server.js";
