import { describe, expect, it } from "vitest";
import {
  DEFAULT_QUERY,
  describeToken,
  graphqlEndpoint,
  graphqlFetcher,
  httpErrorMessage,
  loadToken,
  NO_TOKEN_MESSAGE,
  normalizeToken,
  readClaims,
  saveToken,
  TOKEN_KEY,
} from "../src/logic";

function jwt(claims: object): string {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "RS256" })}.${part(claims)}.signature`;
}

/** A fetch that records its calls and answers with `status` and `body`. */
function fakeFetch(status: number, body: string) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return { ok: status >= 200 && status < 300, status, text: async () => body };
  };
  return { calls, impl };
}

describe("graphqlEndpoint", () => {
  it("is the page's parent path without the trailing slash, directly and through the gateway", () => {
    expect(graphqlEndpoint("http://127.0.0.1:5000/graphql/ui/")).toBe("http://127.0.0.1:5000/graphql");
    expect(graphqlEndpoint("http://127.0.0.1:8080/store-api/graphql/ui/")).toBe(
      "http://127.0.0.1:8080/store-api/graphql",
    );
    expect(graphqlEndpoint("http://127.0.0.1:8080/store-api/graphql/ui/index.html")).toBe(
      "http://127.0.0.1:8080/store-api/graphql",
    );
  });

  it("ignores the query and the fragment of the page's address", () => {
    expect(graphqlEndpoint("http://127.0.0.1:5000/graphql/ui/?x=1#top")).toBe("http://127.0.0.1:5000/graphql");
  });
});

describe("tokens", () => {
  it("drops Bearer and spaces from a pasted token", () => {
    expect(normalizeToken("  Bearer abc.def.ghi \n")).toBe("abc.def.ghi");
    expect(normalizeToken("abc.def.ghi")).toBe("abc.def.ghi");
    expect(normalizeToken("   ")).toBe("");
  });

  it("reads who a token is, and refuses what is no JWT", () => {
    const token = jwt({
      sub: "dev-supplier",
      upn: "dev-supplier@store-manager.local",
      groups: ["supplier"],
      exp: 2000,
    });
    expect(readClaims(token)).toEqual({
      subject: "dev-supplier@store-manager.local",
      roles: ["supplier"],
      expiresAt: 2000,
    });
    expect(readClaims("not-a-token")).toBeNull();
    expect(readClaims("a.%%%.c")).toBeNull();
  });

  it("describes the token: missing, not a JWT, expired, a role without GraphQL, a supplier's", () => {
    expect(describeToken("")).toMatch(/^No token/);
    expect(describeToken("abc")).toMatch(/not a JSON Web Token/);
    expect(describeToken(jwt({ sub: "s", groups: ["supplier"], exp: 100 }), 200)).toMatch(/has expired/);
    expect(describeToken(jwt({ sub: "c", groups: ["clerk"], exp: 300 }), 200)).toMatch(/needs supplier or manager/);
    const supplier = describeToken(jwt({ upn: "dev-supplier@x", groups: ["supplier"], exp: 300 }), 200);
    expect(supplier).toMatch(/^Token of dev-supplier@x \(supplier, valid until .+\)\.$/);
  });

  it("keeps the token in the storage it is given, and forgets it when it is empty", () => {
    const kept = new Map<string, string>();
    const storage = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, v),
      removeItem: (k: string) => void kept.delete(k),
    };
    expect(loadToken(storage)).toBe("");
    saveToken(storage, "abc.def.ghi");
    expect(kept.get(TOKEN_KEY)).toBe("abc.def.ghi");
    expect(loadToken(storage)).toBe("abc.def.ghi");
    saveToken(storage, "");
    expect(kept.has(TOKEN_KEY)).toBe(false);
  });

  it("works without a storage, or with one that refuses", () => {
    const refusing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {},
    };
    expect(loadToken(undefined)).toBe("");
    expect(loadToken(refusing)).toBe("");
    expect(() => saveToken(refusing, "x")).not.toThrow();
    expect(() => saveToken(undefined, "x")).not.toThrow();
  });
});

describe("graphqlFetcher", () => {
  const query = { query: "{ products(first: 1) { id } }", operationName: null, variables: { a: 1 } };

  it("posts the request as JSON with the token as a bearer credential, no cookies", async () => {
    const fake = fakeFetch(200, '{"data":{"products":[{"id":1}]}}');
    const result = await graphqlFetcher("http://h/graphql", "abc.def.ghi", fake.impl)(query);
    expect(result).toEqual({ data: { products: [{ id: 1 }] } });
    expect(fake.calls).toHaveLength(1);
    const { url, init } = fake.calls[0];
    expect(url).toBe("http://h/graphql");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("omit");
    expect(init.headers).toEqual({
      "Content-Type": "application/json",
      Accept: "application/json",
      Authorization: "Bearer abc.def.ghi",
    });
    expect(JSON.parse(String(init.body))).toEqual(query);
  });

  it("passes GraphQL errors on as they are (HTTP 200 with errors)", async () => {
    const body = '{"errors":[{"message":"Query too complex","extensions":{"code":"QUERY_TOO_COMPLEX"}}]}';
    const result = await graphqlFetcher("http://h/graphql", "t", fakeFetch(200, body).impl)(query);
    expect(result).toEqual(JSON.parse(body));
  });

  it("sends the headers of GraphiQL's headers editor; an Authorization there wins over the token", async () => {
    const fake = fakeFetch(200, '{"data":{}}');
    await graphqlFetcher(
      "http://h/graphql",
      "t",
      fake.impl,
    )(query, { headers: { authorization: "Bearer other", "X-N": 2 } });
    expect(fake.calls[0].init.headers).toMatchObject({ authorization: "Bearer other", "X-N": "2" });
    expect(fake.calls[0].init.headers).not.toHaveProperty("Authorization");
  });

  it("sends nothing without a token, and says to paste one", async () => {
    const fake = fakeFetch(200, '{"data":{}}');
    const result = await graphqlFetcher("http://h/graphql", "", fake.impl)(query);
    expect(fake.calls).toHaveLength(0);
    expect(result.errors).toEqual([{ message: NO_TOKEN_MESSAGE }]);
    expect(NO_TOKEN_MESSAGE).toMatch(/\.\/stack token supplier/);
  });

  it("turns a 401, 403 or gateway error into a GraphQL error with the server's message", async () => {
    const refused = await graphqlFetcher(
      "http://h/graphql",
      "t",
      fakeFetch(401, '{"error":"Token expired"}').impl,
    )(query);
    expect(refused).toEqual({
      errors: [
        {
          message:
            "HTTP 401: Token expired. The token was refused (expired, or not signed by this stack's key): paste a new one.",
        },
      ],
    });
    const forbidden = await graphqlFetcher(
      "http://h/graphql",
      "t",
      fakeFetch(403, '{"error":"Forbidden"}').impl,
    )(query);
    expect(forbidden.errors).toEqual([
      { message: expect.stringMatching(/^HTTP 403: Forbidden\. .*supplier or manager/) },
    ]);
    const html = await graphqlFetcher("http://h/graphql", "t", fakeFetch(502, "<html>bad gateway</html>").impl)(query);
    expect(html.errors).toEqual([{ message: "HTTP 502: the answer is no GraphQL response" }]);
  });

  it("says so when the server cannot be reached", async () => {
    const failing = async () => {
      throw new TypeError("Failed to fetch");
    };
    const result = await graphqlFetcher("http://h/graphql", "t", failing)(query);
    expect(result.errors).toEqual([{ message: "No answer from http://h/graphql: Failed to fetch" }]);
  });
});

describe("httpErrorMessage", () => {
  it("names the status and what to do", () => {
    expect(httpErrorMessage(401, null, "")).toMatch(/^HTTP 401\. Paste a supplier token/);
    expect(httpErrorMessage(429, { error: "Too many requests" }, "t")).toBe("HTTP 429: Too many requests");
  });
});

describe("the default query", () => {
  it("lists a few products within the request budget (docs/adr/0010)", () => {
    expect(DEFAULT_QUERY).toMatch(/products\(first: 5\) \{\s+id\s+name\s+sku\s+quantity\s+\}/);
  });
});
