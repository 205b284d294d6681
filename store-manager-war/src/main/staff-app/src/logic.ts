// The staff app's own logic, without the DOM: tokens, error messages, totals, the saga's states, payment
// links, idempotency keys. Everything here has a unit test (test/logic.test.ts).

export type Role = "manager" | "clerk" | "supplier";

export interface Session {
  token: string;
  subject: string;
  role: Role | null;
  expiresAt: number | null; // seconds since the epoch
}

/** Reads a JWT's claims (no signature check: the API checks it on every call). Null if it is no JWT. */
export function readToken(raw: string): Session | null {
  const token = raw.trim().replace(/^Bearer\s+/i, "");
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as { sub?: unknown; upn?: unknown; groups?: unknown; exp?: unknown };
    const groups = Array.isArray(claims.groups) ? claims.groups : [];
    const role = (["manager", "clerk", "supplier"] as const).find((r) => groups.includes(r)) ?? null;
    return {
      token,
      subject: typeof claims.upn === "string" ? claims.upn : typeof claims.sub === "string" ? claims.sub : "?",
      role,
      expiresAt: typeof claims.exp === "number" ? claims.exp : null,
    };
  } catch {
    return null;
  }
}

export function isExpired(session: Session, nowSeconds = Date.now() / 1000): boolean {
  return session.expiresAt !== null && session.expiresAt <= nowSeconds;
}

/** What a role may do in the app (the API enforces the same, ADR 0008). */
export function can(role: Role | null, action: "reports" | "createProduct" | "deleteProduct" | "timeline" | "store") {
  if (role === "manager") return true;
  if (role === "clerk") return action === "store";
  return false;
}

export const SIGN_IN_MESSAGE = "Your token is missing, expired or not valid: sign in again with a new token.";

/** The message for a failed call: the API's own `error` when there is one, else one for the status. */
export function errorMessage(status: number, body: unknown): string {
  const apiError =
    body && typeof body === "object" && typeof (body as { error?: unknown }).error === "string"
      ? (body as { error: string }).error
      : null;
  if (status === 401) return apiError ? `${SIGN_IN_MESSAGE} (${apiError})` : SIGN_IN_MESSAGE;
  if (status === 403) return `Your role may not do this${apiError ? `: ${apiError}` : "."}`;
  if (apiError) return apiError;
  if (status === 429) return "Too many orders from this token in the last minute: wait a little and retry.";
  if (status === 503) return "The service is busy: retry in a moment.";
  if (status === 0) return "The server cannot be reached.";
  if (status >= 500) return `The server failed (HTTP ${status}): retry in a moment.`;
  return `The request failed (HTTP ${status}).`;
}

export interface OrderLine {
  productId: number;
  quantity: number;
}

/** The total before sending: unit prices times quantities, in cents to avoid binary rounding. */
export function orderTotal(lines: OrderLine[], prices: Map<number, number>): number | null {
  let cents = 0;
  for (const line of lines) {
    const price = prices.get(line.productId);
    if (price === undefined || !Number.isFinite(line.quantity)) return null;
    cents += Math.round(price * 100) * line.quantity;
  }
  return cents / 100;
}

export function money(amount: number | string | null | undefined): string {
  const value = typeof amount === "string" ? Number(amount) : amount;
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : `$${value.toFixed(2)}`;
}

/** The saga's states in the order a successful order passes them (docs/state-machine.md). */
export const HAPPY_PATH = ["CREATING_ORDER", "DECREASING_STOCK", "CREATING_PAYMENT", "COMPLETING_ORDER_SAGA", "COMPLETED"];

export function isFinal(state: string | null | undefined): boolean {
  return state === "COMPLETED" || state === "CANCELLED";
}

/** Adds a state to the states seen so far, unless it is the last one seen (polling sees it many times). */
export function noteState(seen: string[], state: string | null | undefined): string[] {
  if (!state || seen[seen.length - 1] === state) return seen;
  return [...seen, state];
}

/**
 * The steps to show for an order: on the success path, every state before the current one has passed
 * (polling may not have seen the fast ones); a cancelled order shows the states seen, as they were seen.
 */
export function sagaSteps(
  seen: string[],
  current: string | null,
): { state: string; step: "passed" | "now" | "todo" }[] {
  const at = current ? HAPPY_PATH.indexOf(current) : -1;
  if (current && at < 0) {
    const states = noteState(seen, current);
    return states.map((s, i) => ({ state: s, step: i === states.length - 1 ? "now" : "passed" }));
  }
  return HAPPY_PATH.map((s, i) => ({ state: s, step: i < at ? "passed" : i === at ? "now" : "todo" }));
}

/**
 * The path and query of a payment link, to call on this page's own origin: the link's host is the
 * gateway's configured base URL (PAYMENT_LINK_BASE_URL), which the page's CSP may not allow.
 */
export function paymentPath(link: string): string | null {
  try {
    const url = new URL(link, "http://placeholder.invalid");
    return url.pathname.startsWith("/payments-api/payments/process/") ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}

export const LOW_STOCK = 5;

export function isLowStock(quantity: number): boolean {
  return quantity < LOW_STOCK;
}

/**
 * One Idempotency-Key per distinct order: the same body gets the same key (a double click or a retry
 * places one order); a changed body gets a new one. `keys` remembers the key of the last body.
 */
export function idempotencyKey(
  last: { body: string; key: string } | null,
  body: string,
  newKey: () => string,
): { body: string; key: string } {
  return last && last.body === body ? last : { body, key: newKey() };
}

/** Lines of the order form as the API wants them; quantities are sent as typed (the API validates them). */
export function orderBody(userId: string, lines: { productId: string; quantity: string }[]): string {
  const num = (text: string) => (text.trim() === "" ? null : Number(text));
  return JSON.stringify({
    user_id: num(userId),
    items: lines.filter((l) => l.productId.trim() !== "").map((l) => ({ product_id: num(l.productId), quantity: num(l.quantity) })),
  });
}

export interface ChartRow {
  label: string;
  value: number;
}

/** The rows of the three report charts, from the API's answers: as returned, the stock's 15 lowest levels. */
export function chartRows(
  spenders: { user_id: number; total_spent: number | string }[],
  sellers: { product_id: number; name: string; quantity_sold: number }[],
  stock: { product_id: number; name: string; quantity: number }[],
  lowest = 15,
): { spenders: ChartRow[]; sellers: ChartRow[]; stock: ChartRow[] } {
  return {
    spenders: spenders.map((s) => ({ label: `user ${s.user_id}`, value: Number(s.total_spent) })),
    sellers: sellers.map((s) => ({ label: `${s.product_id} · ${s.name}`, value: s.quantity_sold })),
    stock: [...stock]
      .sort((a, b) => a.quantity - b.quantity || a.product_id - b.product_id)
      .slice(0, lowest)
      .map((s) => ({ label: `${s.product_id} · ${s.name}`, value: s.quantity })),
  };
}
