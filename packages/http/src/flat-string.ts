/**
 * Strings built with `+` or template literals are trees of rope (cons) strings in V8: a
 * tools/call answer is about nine nodes. One that outlives its request (a stored SSE event, a
 * stream id kept as a key) would keep the whole tree alive into the old generation. Reading a
 * character makes V8 flatten the string in place, so one flat copy is kept instead (about half
 * the bytes a stored answer promotes: benchmarks/README.md, seventh pass). Elsewhere a no-op.
 */
export function keptFlat(text: string): string {
  if (text.length > 0) text.charCodeAt(0);
  return text;
}
