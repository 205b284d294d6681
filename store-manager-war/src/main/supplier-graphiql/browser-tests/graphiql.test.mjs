// The suppliers' GraphiQL page in a real browser: Debian's chromium driven by playwright-core, against the
// running stack through the gateway (GATEWAY_URL, default http://127.0.0.1:8080), at /store-api/graphql/ui/.
// A supplier pastes a token, runs a query that reads a product this test made through the API, and sees the
// answer in the result pane; GraphiQL's docs explorer shows the Query type (its introspection query was
// answered, with the token). The product is removed at the end.
// Run: npm run test:browser (tools/stack/tests.sh does, in ./stack test).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { chromium } from "playwright-core";
import { CHROMIUM, GATEWAY, call, token } from "../../browser-tests/stack.mjs";

const PAGE = `${GATEWAY}/store-api/graphql/ui/`;
const ENDPOINT = `${GATEWAY}/store-api/graphql`;
const WAIT = 20_000; // for one thing on the page: GraphiQL's start, an answer

const supplier = token("supplier");

let browser;
const made = []; // product ids, removed at the end

/** A page of its own (its own sessionStorage) that records script errors and the GraphQL calls it makes. */
async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  // Script errors and CSP violations fail the test; chromium's own line for a refused call does not.
  page.on(
    "console",
    (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && problems.push(m.text()),
  );
  page.on("pageerror", (e) => problems.push(String(e)));
  const calls = [];
  page.on(
    "request",
    (r) => r.url().startsWith(`${GATEWAY}/store-api/graphql`) && !r.url().startsWith(PAGE) && calls.push(r),
  );
  page.problems = problems;
  page.calls = calls;
  await page.goto(PAGE);
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: WAIT });
  return page;
}

async function signIn(page, auth) {
  await page.fill("#token", auth);
  await page.press("#token", "Enter");
  await page.waitForSelector("#token-status[data-token=set]");
}

/** The text of one of GraphiQL's CodeMirror 5 editors (the element keeps its editor as .CodeMirror). */
function editorText(page, selector) {
  return page.$eval(`${selector} .CodeMirror`, (e) => e.CodeMirror.getValue());
}

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
});

after(async () => {
  await browser?.close();
  for (const id of made) {
    const deleted = await call("DELETE", `/store-api/products/${id}`);
    assert.ok([204, 404].includes(deleted.status), `cleanup: DELETE product ${id} answered ${deleted.status}`);
  }
});

describe("the suppliers' GraphiQL page", { timeout: 90_000 }, () => {
  it("a supplier pastes a token, runs a query for a product the test made, and sees the answer", async () => {
    const sku = `GQL-${randomUUID().slice(0, 12)}`;
    const name = `GraphiQL Widget ${sku}`;
    const product = await call("POST", "/store-api/products", { name, sku, price: "4.20" });
    assert.equal(product.status, 201, JSON.stringify(product.data));
    const id = product.data.product_id;
    made.push(id);
    assert.equal((await call("POST", "/store-api/stocks", { product_id: id, quantity: 7 })).status, 200);

    const page = await openPage();
    assert.match(await page.textContent("#token-status"), /^No token/);
    assert.match(await editorText(page, ".graphiql-query-editor"), /products\(first: 5\)/, "the default query");
    await signIn(page, supplier);
    assert.match(await page.textContent("#token-status"), /dev-supplier@store-manager\.local \(supplier/);

    const query = `{ product(id: "${id}") { id name sku quantity } }`;
    await page.$eval(".graphiql-query-editor .CodeMirror", (e, q) => e.CodeMirror.setValue(q), query);
    await page.click(".graphiql-execute-button");
    await page.waitForFunction(
      (s) => document.querySelector(".graphiql-response .CodeMirror")?.CodeMirror.getValue().includes(s),
      sku,
      { timeout: WAIT },
    );
    const answer = JSON.parse(await editorText(page, ".graphiql-response"));
    assert.deepEqual(answer, { data: { product: { id, name, sku, quantity: 7 } } });

    // The query went to the endpoint relative to the page, as a POST with the supplier's token.
    const sent = page.calls.filter((r) => JSON.parse(r.postData() ?? "{}").query === query);
    assert.equal(sent.length, 1, "one call for the query");
    assert.equal(sent[0].url(), ENDPOINT);
    assert.equal(sent[0].method(), "POST");
    assert.equal(sent[0].headers()["authorization"], `Bearer ${supplier}`);
    // Kept for the tab only: in sessionStorage, not in localStorage or the address.
    const kept = await page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: Object.values(localStorage).join("\n"),
      url: location.href,
    }));
    assert.ok(kept.session.includes(supplier), "the token is in sessionStorage");
    assert.ok(!kept.local.includes(supplier), "the token is not in localStorage");
    assert.equal(kept.url, PAGE);
    await page.reload();
    await page.waitForSelector("#token-status[data-token=set]", { timeout: WAIT }); // a reload keeps it
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  it("the docs explorer shows the Query type: GraphiQL's introspection is answered with the token", async () => {
    const page = await openPage();
    assert.equal(page.calls.length, 0, "no GraphQL call without a token");
    await signIn(page, supplier);
    await page.click('button[aria-label="Show Documentation Explorer"]');
    const queryType = await page.waitForSelector(
      '.graphiql-doc-explorer a.graphiql-doc-explorer-type-name:text-is("Query")',
      {
        timeout: WAIT,
      },
    );
    const introspection = page.calls.find((r) => r.postData()?.includes("__schema"));
    assert.ok(introspection, "GraphiQL sent its introspection query");
    assert.equal(introspection.headers()["authorization"], `Bearer ${supplier}`);
    assert.equal((await introspection.response()).status(), 200);
    await queryType.click();
    await page.waitForSelector('.graphiql-doc-explorer-title:text-is("Query")', { timeout: WAIT });
    const fields = await page.$$eval(".graphiql-doc-explorer-field-name", (all) => all.map((f) => f.textContent));
    for (const field of ["product", "products", "stockLevel"]) {
      assert.ok(fields.includes(field), `the Query type lists ${field}: ${fields}`);
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
