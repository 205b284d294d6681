// The staff app in a real browser: Debian's chromium driven by playwright-core, against the running stack
// through the gateway (GATEWAY_URL, default http://127.0.0.1:8080). The four scenarios of issue 32; each one
// makes its own data through the API, checks the outcome through the API, and removes what it made.
// Run: npm run test:browser (tools/stack/tests.sh does, in ./stack test). Screenshots go to
// APP_SCREENSHOTS_DIR when it is set (docs/ for the README's pictures).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, GATEWAY, call, token } from "../../browser-tests/stack.mjs";

const SHOTS = process.env.APP_SCREENSHOTS_DIR;
const SAGA_TIMEOUT = 60_000;

async function eventually(what, check, timeout = SAGA_TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What a scenario made, removed at the end (orders first, once their saga has ended). */
const made = { orders: new Set(), products: [], users: [] };
const run = randomUUID().slice(0, 8);

async function fixture(price, stock) {
  const user = await call("POST", "/store-api/users", { name: `App Test ${run}`, email: `app-${randomUUID()}@example.test` });
  assert.equal(user.status, 201, JSON.stringify(user.data));
  made.users.push(user.data.user_id);
  const sku = `APP-${randomUUID().slice(0, 12)}`;
  const product = await call("POST", "/store-api/products", { name: `App Widget ${run}`, sku, price });
  assert.equal(product.status, 201, JSON.stringify(product.data));
  made.products.push(product.data.product_id);
  assert.equal((await call("POST", "/store-api/stocks", { product_id: product.data.product_id, quantity: stock })).status, 200);
  return { user: user.data.user_id, product: product.data.product_id, sku };
}

async function ordersOf(user) {
  const recent = await call("GET", "/store-api/orders?limit=100");
  assert.equal(recent.status, 200);
  return recent.data.filter((o) => o.user_id === user);
}

let browser;

async function signedIn(role, auth = token(role)) {
  const page = await browser.newPage({ viewport: { width: 768, height: 1024 } }); // tablet width
  const problems = [];
  // Script errors fail a scenario; chromium's own line for a 4xx answer the app handles does not.
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  page.problems = problems;
  await page.goto(`${GATEWAY}/app/`);
  await page.fill("#token", auth);
  await page.click("#sign-in button[type=submit]");
  return page;
}

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
});

after(async () => {
  await browser?.close();
  for (const id of made.orders) {
    await eventually(`order ${id} ends`, async () => ["COMPLETED", "CANCELLED"].includes((await call("GET", `/store-api/orders/${id}`)).data?.saga_state));
    let deleted = await call("DELETE", `/store-api/orders/${id}`);
    if (deleted.status === 409) {
      // A paid order is refused: record the refund (manual correction), then delete it (as Fixtures.java).
      assert.equal((await call("PUT", "/store-api/orders", { order_id: id, is_paid: false })).status, 200);
      deleted = await call("DELETE", `/store-api/orders/${id}`);
    }
    assert.ok([204, 404].includes(deleted.status), `cleanup: DELETE order ${id} answered ${deleted.status}`);
  }
  for (const id of made.products) {
    const deleted = await call("DELETE", `/store-api/products/${id}`);
    assert.ok([204, 404].includes(deleted.status), `cleanup: DELETE product ${id} answered ${deleted.status}`);
  }
  for (const id of made.users) {
    const deleted = await call("DELETE", `/store-api/users/${id}`);
    assert.ok([204, 404].includes(deleted.status), `cleanup: DELETE user ${id} answered ${deleted.status}`);
  }
});

describe("the staff app", { timeout: 110_000 }, () => {
  it("a clerk places an order, sees it reach COMPLETED, then pays it", async () => {
    const { user, product } = await fixture("12.50", 10);
    const page = await signedIn("clerk");
    await page.waitForSelector("#who[data-role=clerk]");
    await page.fill("#order-user", String(user));
    await page.waitForSelector(`#line-product-0 option[value="${product}"]`, { state: "attached" });
    await page.selectOption("#line-product-0", String(product));
    await page.fill("#line-quantity-0", "2");
    assert.equal(await page.textContent("#order-total"), "$25.00", "the total before sending");
    await page.dblclick("#place-order-submit"); // a double click places one order
    const orderId = Number(await (await page.waitForSelector("#follow[data-order-id]")).getAttribute("data-order-id"));
    made.orders.add(orderId);
    await page.waitForSelector("#follow[data-saga-state=COMPLETED]", { timeout: SAGA_TIMEOUT });
    for (const state of ["CREATING_ORDER", "DECREASING_STOCK", "CREATING_PAYMENT", "COMPLETING_ORDER_SAGA", "COMPLETED"]) {
      const step = state === "COMPLETED" ? "now" : "passed";
      assert.ok(await page.$(`ol.saga li[data-state=${state}][data-step=${step}]`), `the saga list shows ${state} ${step}`);
    }
    const placed = await ordersOf(user);
    assert.deepEqual(placed.map((o) => o.order_id), [orderId], "one order for the customer, whatever the clicks");
    assert.equal((await call("GET", `/store-api/stocks/${product}`)).data.quantity, 8, "two units taken");
    await page.waitForSelector("#payment-link:has-text('/payments-api/payments/process/')");
    await shot(page, "app-order.png");
    // The course's card format: number and code as JSON strings here, the expiry as YYYY-MM-DD.
    await page.fill("#card-number", "9999999999999");
    await page.fill("#card-code", "123");
    await page.fill("#card-expiry", "2030-01-05");
    await page.click("#pay button[type=submit]");
    await page.waitForSelector("#follow[data-paid=true]", { timeout: SAGA_TIMEOUT });
    assert.equal((await call("GET", `/store-api/orders/${orderId}`)).data.is_paid, true, "the order is paid in the API");
    // Deleting a paid order: the app shows whatever the API answers (a 409 with its reason, or a 204).
    await page.click("#delete-order");
    const answered = (id) => {
      const text = document.querySelector("#follow-notice")?.textContent ?? "";
      return text.startsWith("Error:") || text.startsWith(`Done: order ${id} deleted`);
    };
    await page.waitForFunction(answered, orderId); // the notice said "payment accepted" before
    const answer = await page.textContent("#follow-notice");
    const after = await call("GET", `/store-api/orders/${orderId}`);
    if (after.status === 404) {
      assert.match(answer, new RegExp(`^Done: order ${orderId} deleted`));
    } else {
      assert.match(answer, /^Error: .+/, "the API's refusal is shown");
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  it("a manager sees the three charts with the numbers the API returns", async () => {
    const page = await signedIn("manager");
    await page.waitForSelector("#who[data-role=manager]");
    await page.click("#tab-reports");
    await page.waitForSelector("#reports[data-loaded=true]");
    const [spenders, sellers, stock] = await Promise.all([
      call("GET", "/store-api/orders/reports/highest-spenders?limit=10"),
      call("GET", "/store-api/orders/reports/best-sellers?limit=10"),
      call("GET", "/store-api/stocks/reports/overview-stocks"),
    ]);
    const lowest = [...stock.data].sort((a, b) => a.quantity - b.quantity || a.product_id - b.product_id).slice(0, 15);
    const expected = {
      spenders: spenders.data.map((s) => Number(s.total_spent)),
      sellers: sellers.data.map((s) => s.quantity_sold),
      stock: lowest.map((s) => s.quantity),
    };
    for (const [id, values] of Object.entries(expected)) {
      const canvas = await page.$(`#${id}-chart`);
      assert.deepEqual(JSON.parse(await canvas.getAttribute("data-values")), values, `${id}: the chart's numbers`);
      assert.equal((await page.$$(`#${id}-table tbody tr[data-row]`)).length, values.length, `${id}: one table row per bar`);
      const drawn = await canvas.evaluate((c) => {
        const blank = document.createElement("canvas");
        blank.width = c.width;
        blank.height = c.height;
        return c.width > 0 && c.toDataURL() !== blank.toDataURL();
      });
      assert.ok(drawn, `${id}: chart.js drew the chart`);
    }
    await shot(page, "app-reports.png");
    await page.click("#tab-products");
    await page.waitForSelector("#product-table tbody tr");
    assert.ok(await page.$("#create-product"), "a manager may create products");
    assert.ok(await page.$("#product-table button.danger"), "a manager may delete products");
    await shot(page, "app-products.png");
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  it("a clerk is not shown manager actions, and an expired token gives the sign-in message", async () => {
    const { product, sku } = await fixture("1.00", 3);
    const page = await signedIn("clerk");
    await page.waitForSelector("#who[data-role=clerk]");
    assert.equal(await page.$("#tab-reports"), null, "no reports tab");
    await page.click("#tab-products");
    await page.waitForSelector("#product-table tbody tr");
    assert.equal(await page.$("#create-product"), null, "no product creation");
    assert.equal(await page.$("#product-table button.danger"), null, "no product deletion");
    // But the clerk finds the product by its SKU and sets its stock (3 units: marked low stock in words).
    await page.fill("#product-search", sku.toLowerCase());
    await page.press("#product-search", "Enter");
    const row = `#product-table tr[data-product-id="${product}"]`;
    await page.waitForSelector(`#product-table caption:has-text("1 products")`);
    assert.match(await page.textContent(`${row} [data-stock]`), /3\s*low stock/);
    await page.fill(`#level-${product}`, "7");
    await page.click(`${row} button[type=submit]`);
    await page.waitForSelector(`${row} [data-stock="7"]`);
    assert.equal((await call("GET", `/store-api/stocks/${product}`)).data.quantity, 7, "the stock set in the API");
    await page.close();

    // Signed in with the keyboard only: type the token, Tab to the button, Enter.
    const expired = await browser.newPage({ viewport: { width: 768, height: 1024 } });
    await expired.goto(`${GATEWAY}/app/`);
    await expired.focus("#token");
    await expired.keyboard.type(token("clerk", -3600));
    await expired.keyboard.press("Tab");
    await expired.keyboard.press("Enter");
    const text = await (await expired.waitForSelector("#sign-in-message")).textContent();
    assert.match(text, /sign in again with a new token/);
    assert.equal(await expired.$("#who"), null, "not signed in");
    await shot(expired, "app-sign-in.png");
    await expired.close();
  });

  it("the order form with a bad quantity shows the API's error and places nothing", async () => {
    const { user, product } = await fixture("3.00", 5);
    const bad = await call("POST", "/store-api/orders", { user_id: user, items: [{ product_id: product, quantity: 0 }] });
    assert.equal(bad.status, 400, "the API refuses a quantity of 0");
    const page = await signedIn("clerk");
    await page.fill("#order-user", String(user));
    await page.waitForSelector(`#line-product-0 option[value="${product}"]`, { state: "attached" });
    await page.selectOption("#line-product-0", String(product));
    await page.fill("#line-quantity-0", "0");
    await page.click("#place-order-submit");
    const notice = await page.waitForSelector("#place-order-notice[data-kind=error]");
    assert.equal(await notice.textContent(), `Error: ${bad.data.error}`);
    assert.equal(await page.$("#follow"), null, "no order to follow");
    assert.deepEqual(await ordersOf(user), [], "no order placed");
    assert.equal((await call("GET", `/store-api/stocks/${product}`)).data.quantity, 5, "the stock unchanged");
    await page.close();
  });
});
