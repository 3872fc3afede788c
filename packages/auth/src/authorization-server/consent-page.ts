/**
 * The consent page: server-rendered HTML with inline CSS, no JavaScript, a CSRF token in
 * the form (double-submit with a cookie and an HMAC binding both to the request).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#confused-deputy-problem
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (character) => `&#${character.charCodeAt(0)};`);
}

export interface ConsentPageInput {
  serverName: string;
  clientName: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  scopeDescriptions?: Record<string, string>;
  resource: string;
  requestId: string;
  csrfToken: string;
  action: string;
  upstreamName?: string;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f4f5f7;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328}
main{background:#fff;width:100%;max-width:440px;margin:24px;padding:32px;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.06)}
h1{font-size:20px;margin:0 0 4px}
.muted{color:#59636e;font-size:13px}
.client{font-weight:600}
.box{margin:20px 0;padding:14px 16px;border:1px solid #d1d9e0;border-radius:8px;background:#f6f8fa}
.box dt{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#59636e;margin-top:10px}
.box dt:first-child{margin-top:0}
.box dd{margin:2px 0 0;word-break:break-all}
ul{margin:6px 0 0;padding-left:18px}
li code{background:#eaeef2;padding:1px 6px;border-radius:4px;font-size:13px}
.actions{display:flex;gap:12px;margin-top:24px}
button{flex:1;padding:10px 14px;font:inherit;font-weight:600;border-radius:8px;cursor:pointer;border:1px solid #d1d9e0;background:#f6f8fa;color:#1f2328}
button.approve{background:#1f883d;border-color:#1a7f37;color:#fff}
button:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.warn{font-size:13px;color:#9a6700;margin-top:16px}
`;

/** Renders the consent page. All dynamic values are escaped. */
export function renderConsentPage(input: ConsentPageInput): string {
  const redirectHost = (() => {
    try {
      const url = new URL(input.redirectUri);
      return url.host || url.protocol;
    } catch {
      return input.redirectUri;
    }
  })();
  const scopes =
    input.scopes.length === 0
      ? "<dd>Basic access (no extra scopes)</dd>"
      : `<dd><ul>${input.scopes
          .map((scope) => {
            // Scopes are client input: only the server's own descriptions, never Object.prototype members.
            const descriptions = input.scopeDescriptions;
            const description = descriptions !== undefined && Object.hasOwn(descriptions, scope) ? descriptions[scope] : undefined;
            return `<li><code>${escapeHtml(scope)}</code>${typeof description === "string" && description ? ` ${escapeHtml(description)}` : ""}</li>`;
          })
          .join("")}</ul></dd>`;
  const isLoopback = /^(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?$/.test(redirectHost);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Authorize ${escapeHtml(input.clientName)} - ${escapeHtml(input.serverName)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Authorize <span class="client">${escapeHtml(input.clientName)}</span></h1>
<p class="muted">wants to access <strong>${escapeHtml(input.serverName)}</strong> on your behalf.</p>
<dl class="box">
<dt>Application</dt><dd>${escapeHtml(input.clientName)} <span class="muted">(${escapeHtml(input.clientId)})</span></dd>
<dt>Will redirect to</dt><dd>${escapeHtml(redirectHost)}</dd>
<dt>Requested access</dt>${scopes}
<dt>Resource</dt><dd>${escapeHtml(input.resource)}</dd>
</dl>
${isLoopback ? "" : `<p class="warn">Only approve if you trust ${escapeHtml(redirectHost)}.</p>`}
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
<input type="hidden" name="csrf_token" value="${escapeHtml(input.csrfToken)}">
<div class="actions">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" name="decision" value="approve" class="approve">${input.upstreamName ? `Continue with ${escapeHtml(input.upstreamName)}` : "Approve"}</button>
</div>
</form>
</main>
</body>
</html>`;
}

/** A small error page for failures that must not redirect (unknown client, bad redirect_uri, CSRF). */
export function renderErrorPage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}

/** Headers for every HTML page: no framing (clickjacking), no caching, no referrer, no scripts. */
export const HTML_SECURITY_HEADERS: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:; frame-ancestors 'none'; base-uri 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};
