// The page's logic without the DOM: where GraphQL is, the token (its claims, where it is kept) and the fetcher
// GraphiQL calls. Everything here has a unit test (test/logic.test.ts).

/** Where the token is kept: this tab's sessionStorage, never the URL or localStorage. */
export const TOKEN_KEY = "store-manager.graphiql.token";

/** The query the editor opens with (GraphiQL keeps the user's own in its storage after that). */
export const DEFAULT_QUERY = `# GraphQL for suppliers: run it with ▶ or Ctrl-Enter.
# The schema: Docs, on the left. One request may select
# 20 fields, 5 levels deep, 100 list items (ADR 0010).
# Lowest stock first; the next page: after: "<last id>".
{
  products(first: 5) {
    id
    name
    sku
    quantity
  }
}
`;

/** The answer to a call made without a token: none is sent (the server would refuse it with a 401). */
export const NO_TOKEN_MESSAGE = "No token: paste a supplier token above (./stack token supplier prints one).";

/**
 * The GraphQL endpoint of a page at .../graphql/ui/: its parent, without the trailing slash, so
 * /graphql/ui/ posts to /graphql (the Store Manager) and /store-api/graphql/ui/ to /store-api/graphql (the
 * gateway, which routes that exact path).
 */
export function graphqlEndpoint(pageUrl: string): string {
  const parent = new URL("../", pageUrl);
  return `${parent.origin}${parent.pathname.replace(/\/+$/, "")}`;
}

/** A pasted token without "Bearer " or spaces around it; empty if nothing was pasted. */
export function normalizeToken(raw: string): string {
  return raw
    .trim()
    .replace(/^Bearer\s+/i, "")
    .trim();
}

export interface Claims {
  subject: string;
  roles: string[];
  expiresAt: number | null; // seconds since the epoch
}

/** A JWT's claims, for showing who the token is (no signature check: the server checks it). Null if no JWT. */
export function readClaims(token: string): Claims | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as { sub?: unknown; upn?: unknown; groups?: unknown; exp?: unknown };
    const roles = Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === "string") : [];
    const subject = typeof claims.upn === "string" ? claims.upn : typeof claims.sub === "string" ? claims.sub : "?";
    return { subject, roles, expiresAt: typeof claims.exp === "number" ? claims.exp : null };
  } catch {
    return null;
  }
}

/** One line about the token in the header: who, which role, until when, or what is wrong with it. */
export function describeToken(token: string, nowSeconds = Date.now() / 1000): string {
  if (!token) return "No token: GraphQL calls are refused (401) until you paste one.";
  const claims = readClaims(token);
  if (!claims) return "This is not a JSON Web Token: GraphQL calls will be refused (401).";
  const role = claims.roles.length ? claims.roles.join(", ") : "no role";
  if (claims.expiresAt !== null && claims.expiresAt <= nowSeconds) {
    return `The token of ${claims.subject} (${role}) has expired: paste a new one.`;
  }
  const until =
    claims.expiresAt === null ? "" : `, valid until ${new Date(claims.expiresAt * 1000).toLocaleTimeString()}`;
  const warning = claims.roles.some((r) => r === "supplier" || r === "manager")
    ? ""
    : " GraphQL needs supplier or manager.";
  return `Token of ${claims.subject} (${role}${until}).${warning}`;
}

/** The token kept for this tab, or "" (sessionStorage may be missing or refused, e.g. in private modes). */
export function loadToken(storage: Pick<Storage, "getItem"> | undefined): string {
  try {
    return storage?.getItem(TOKEN_KEY) ?? "";
  } catch {
    return "";
  }
}

/** Keeps the token for this tab, or forgets it when it is empty. */
export function saveToken(storage: Pick<Storage, "setItem" | "removeItem"> | undefined, token: string): void {
  try {
    if (token) storage?.setItem(TOKEN_KEY, token);
    else storage?.removeItem(TOKEN_KEY);
  } catch {
    // Not kept: the page still works until it is reloaded.
  }
}

/** What GraphiQL hands its fetcher (graphiql's FetcherParams and FetcherOpts, the parts used here). */
export interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}
export interface FetcherOptions {
  headers?: Record<string, unknown>;
}
export type GraphQLResult = { data?: unknown; errors?: unknown[] } & Record<string, unknown>;
type Fetch = (url: string, init: RequestInit) => Promise<Pick<Response, "ok" | "status" | "text">>;

/**
 * The fetcher GraphiQL calls for every query, its schema introspection included: a POST of the GraphQL request
 * to `endpoint` with `Authorization: Bearer <token>`. Headers typed in GraphiQL's headers editor go
 * too (an Authorization there wins); with neither, nothing is sent and the error says to paste a token. An answer that is not a GraphQL response (401, 403, 429, a gateway error)
 * becomes a GraphQL error that says what to do, so GraphiQL shows it in the result pane.
 */
export function graphqlFetcher(endpoint: string, token: string, fetchImpl: Fetch = (u, i) => fetch(u, i)) {
  return async (params: GraphQLParams, options?: FetcherOptions): Promise<GraphQLResult> => {
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      if (value !== undefined && value !== null) headers[name] = String(value);
    }
    const authorized = Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
    if (!authorized && !token) {
      // Refused anyway: say so without a request (GraphiQL introspects as soon as it opens).
      return { errors: [{ message: NO_TOKEN_MESSAGE }] };
    }
    if (!authorized) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetchImpl(endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify(params),
        credentials: "omit",
      });
    } catch (e) {
      return { errors: [{ message: `No answer from ${endpoint}: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (response.ok && isGraphQLResponse(body)) return body;
    return { errors: [{ message: httpErrorMessage(response.status, body, token) }] };
  };
}

function isGraphQLResponse(body: unknown): body is GraphQLResult {
  return typeof body === "object" && body !== null && !Array.isArray(body) && ("data" in body || "errors" in body);
}

/** The message of an HTTP answer that is no GraphQL response: the status, the server's error, what to do. */
export function httpErrorMessage(status: number, body: unknown, token: string): string {
  const error =
    typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string"
      ? (body as { error: string }).error
      : null;
  const said = error ? `: ${error}` : "";
  if (status === 401) {
    return token
      ? `HTTP 401${said}. The token was refused (expired, or not signed by this stack's key): paste a new one.`
      : `HTTP 401${said}. Paste a supplier token above (./stack token supplier prints one).`;
  }
  if (status === 403) return `HTTP 403${said}. This token's role may not use GraphQL: it needs supplier or manager.`;
  return `HTTP ${status}${said || ": the answer is no GraphQL response"}`;
}
