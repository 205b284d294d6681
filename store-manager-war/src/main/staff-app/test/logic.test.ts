import { describe, expect, it } from "vitest";
import {
  can,
  chartRows,
  errorMessage,
  idempotencyKey,
  isExpired,
  isFinal,
  isLowStock,
  money,
  noteState,
  orderBody,
  orderTotal,
  paymentPath,
  readToken,
  sagaSteps,
  SIGN_IN_MESSAGE,
} from "../src/logic";

function jwt(claims: object): string {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "RS256" })}.${part(claims)}.signature`;
}

describe("readToken", () => {
  it("reads the subject, the role and the expiry", () => {
    const s = readToken(`Bearer ${jwt({ upn: "dev-clerk@store-manager.local", groups: ["clerk"], exp: 2000 })}`);
    expect(s).toMatchObject({ subject: "dev-clerk@store-manager.local", role: "clerk", expiresAt: 2000 });
    expect(s!.token.startsWith("Bearer")).toBe(false);
  });
  it("prefers manager when a token has several roles", () => {
    expect(readToken(jwt({ sub: "x", groups: ["clerk", "manager"] }))!.role).toBe("manager");
  });
  it("refuses what is no JWT", () => {
    expect(readToken("not a token")).toBeNull();
    expect(readToken("a.%%%.c")).toBeNull();
  });
  it("knows an expired token", () => {
    const s = readToken(jwt({ sub: "x", groups: ["clerk"], exp: 100 }))!;
    expect(isExpired(s, 99)).toBe(false);
    expect(isExpired(s, 100)).toBe(true);
  });
});

describe("can", () => {
  it("gives a clerk the store's work and nothing of the manager's", () => {
    expect(can("clerk", "store")).toBe(true);
    for (const action of ["reports", "createProduct", "deleteProduct", "timeline"] as const) {
      expect(can("clerk", action)).toBe(false);
      expect(can("manager", action)).toBe(true);
    }
    expect(can("supplier", "store")).toBe(false);
  });
});

describe("errorMessage", () => {
  it("shows the API's error", () => {
    expect(errorMessage(400, { error: "items[0].quantity: must be greater than 0" })).toBe(
      "items[0].quantity: must be greater than 0",
    );
  });
  it("turns a 401 into the sign-in message and a 403 into a role message", () => {
    expect(errorMessage(401, null)).toBe(SIGN_IN_MESSAGE);
    expect(errorMessage(401, { error: "expired" })).toContain("expired");
    expect(errorMessage(403, { error: "no" })).toBe("Your role may not do this: no");
  });
  it("explains the gateway's empty answers", () => {
    expect(errorMessage(429, null)).toContain("Too many orders");
    expect(errorMessage(500, "")).toContain("HTTP 500");
    expect(errorMessage(0, null)).toContain("cannot be reached");
  });
});

describe("orderTotal", () => {
  it("adds the lines in cents", () => {
    const prices = new Map([
      [1, 0.1],
      [2, 0.2],
    ]);
    expect(orderTotal([{ productId: 1, quantity: 1 }, { productId: 2, quantity: 1 }], prices)).toBe(0.3);
    expect(orderTotal([{ productId: 1, quantity: 3 }], prices)).toBe(0.3);
  });
  it("has no total for an unknown product or a quantity that is no number", () => {
    expect(orderTotal([{ productId: 9, quantity: 1 }], new Map())).toBeNull();
    expect(orderTotal([{ productId: 1, quantity: NaN }], new Map([[1, 2]]))).toBeNull();
  });
  it("formats money", () => {
    expect(money(1999.9)).toBe("$1999.90");
    expect(money("59.5")).toBe("$59.50");
    expect(money(null)).toBe("–");
  });
});

describe("the saga", () => {
  it("ends in COMPLETED or CANCELLED only", () => {
    expect(isFinal("COMPLETED")).toBe(true);
    expect(isFinal("CANCELLED")).toBe(true);
    expect(isFinal("COMPLETING_ORDER_SAGA")).toBe(false);
    expect(isFinal(null)).toBe(false);
  });
  it("notes each state once, in the order seen", () => {
    let seen: string[] = [];
    for (const s of ["CREATING_ORDER", "CREATING_ORDER", "DECREASING_STOCK", "COMPLETED", "COMPLETED"]) {
      seen = noteState(seen, s);
    }
    expect(seen).toEqual(["CREATING_ORDER", "DECREASING_STOCK", "COMPLETED"]);
  });
});

describe("sagaSteps", () => {
  it("shows the success path passed up to the current state, even the states polling missed", () => {
    expect(sagaSteps(["CREATING_ORDER"], "COMPLETED").map((s) => s.step)).toEqual(["passed", "passed", "passed", "passed", "now"]);
    expect(sagaSteps([], "DECREASING_STOCK").map((s) => s.step)).toEqual(["passed", "now", "todo", "todo", "todo"]);
  });
  it("shows a cancelled order's states as they were seen", () => {
    expect(sagaSteps(["CREATING_ORDER", "DECREASING_STOCK"], "CANCELLED")).toEqual([
      { state: "CREATING_ORDER", step: "passed" },
      { state: "DECREASING_STOCK", step: "passed" },
      { state: "CANCELLED", step: "now" },
    ]);
  });
});

describe("paymentPath", () => {
  it("keeps the path and the key of the link, not its host", () => {
    expect(paymentPath("http://127.0.0.1:8080/payments-api/payments/process/7?key=abc")).toBe(
      "/payments-api/payments/process/7?key=abc",
    );
  });
  it("refuses a link elsewhere", () => {
    expect(paymentPath("http://evil.example/steal?key=abc")).toBeNull();
    expect(paymentPath("http://[bad")).toBeNull();
  });
});

describe("idempotencyKey", () => {
  it("keeps the key while the body is the same and makes a new one when it changes", () => {
    let n = 0;
    const next = () => `key-${++n}`;
    const first = idempotencyKey(null, "a", next);
    expect(idempotencyKey(first, "a", next).key).toBe("key-1");
    expect(idempotencyKey(first, "b", next).key).toBe("key-2");
  });
  it("builds the body as typed: the API judges the quantities", () => {
    expect(JSON.parse(orderBody(" 4 ", [{ productId: "2", quantity: "-1" }, { productId: "", quantity: "1" }]))).toEqual({
      user_id: 4,
      items: [{ product_id: 2, quantity: -1 }],
    });
    expect(JSON.parse(orderBody("", [{ productId: "1", quantity: "" }]))).toEqual({
      user_id: null,
      items: [{ product_id: 1, quantity: null }],
    });
  });
});

describe("reports", () => {
  it("charts the API's numbers, the stock's lowest levels first", () => {
    const rows = chartRows(
      [{ user_id: 3, total_spent: "120.50" }],
      [{ product_id: 2, name: "Pen", quantity_sold: 7 }],
      [
        { product_id: 1, name: "A", quantity: 9 },
        { product_id: 2, name: "B", quantity: 1 },
        { product_id: 3, name: "C", quantity: 1 },
      ],
      2,
    );
    expect(rows.spenders).toEqual([{ label: "user 3", value: 120.5 }]);
    expect(rows.sellers).toEqual([{ label: "2 · Pen", value: 7 }]);
    expect(rows.stock).toEqual([
      { label: "2 · B", value: 1 },
      { label: "3 · C", value: 1 },
    ]);
  });
  it("highlights low stock under five units", () => {
    expect(isLowStock(4)).toBe(true);
    expect(isLowStock(5)).toBe(false);
  });
});
