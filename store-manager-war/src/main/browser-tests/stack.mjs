// What the web pages' browser tests share (staff-app/browser-tests, supplier-graphiql/browser-tests): the
// gateway they go through, Debian's chromium, tokens like ./stack token's and API calls with one. Node's
// built-ins only, so each package imports it by its path without a dependency.
import { createSign, randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const GATEWAY = process.env.GATEWAY_URL ?? "http://127.0.0.1:8080";
export const CHROMIUM =
  process.env.CHROMIUM ?? execFileSync("sh", ["-c", "command -v chromium"]).toString().trim();
const KEY = process.env.JWT_DEV_PRIVATE_KEY ?? join(ROOT, "liberty-config/dev-keys/jwt-dev-private.pem");

/**
 * A token like ./stack token's (tools/stack/token.sh), signed with the LOCAL DEVELOPMENT key. A negative
 * ttl makes an expired one, beyond the servers' clock-skew allowance (minutes), as SecurityIT's.
 */
export function token(role, ttlSeconds = 900) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: "RS256", typ: "JWT" })}.${b64({
    iss: process.env.MP_JWT_VERIFY_ISSUER ?? "https://store-manager.local/dev-issuer",
    aud: process.env.MP_JWT_VERIFY_AUDIENCES ?? "store-manager",
    sub: `dev-${role}`,
    upn: `dev-${role}@store-manager.local`,
    groups: [role],
    iat: ttlSeconds < 0 ? now + ttlSeconds - 3600 : now - 120,
    exp: now + ttlSeconds,
    jti: randomUUID(),
  })}`;
  const signature = createSign("RSA-SHA256").update(body).sign(readFileSync(KEY)).toString("base64url");
  return `${body}.${signature}`;
}

/** One API call through the gateway with a bearer token (a manager's unless given): its status and JSON. */
export async function call(method, path, body, auth = token("manager")) {
  const response = await fetch(GATEWAY + path, {
    method,
    headers: { Authorization: `Bearer ${auth}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, data: text ? JSON.parse(text) : null };
}
