// The staff web app (README.md "Staff web app"): sign in with a token, products and stock, orders and their
// saga, payment, reports as charts. Preact components; the logic they use is in logic.ts (unit-tested).
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, whenUnauthorized } from "./api";
import { Charts } from "./charts";
import {
  can,
  idempotencyKey,
  isExpired,
  isFinal,
  isLowStock,
  LOW_STOCK,
  money,
  noteState,
  orderBody,
  orderTotal,
  paymentPath,
  readToken,
  sagaSteps,
  type Session,
  SIGN_IN_MESSAGE,
} from "./logic";
import "./app.css";

interface StockLine {
  product_id: number;
  name: string;
  sku: string;
  unit_price: number;
  quantity: number;
}
interface StockPage {
  items: StockLine[];
  page: number;
  size: number;
  total: number;
}
interface Order {
  order_id: number;
  user_id: number;
  total_amount: number;
  saga_state: string;
  error: string | null;
  payment_link: string | null;
  payment_id: number | null;
  is_paid: boolean;
  created_at: string;
  items: { product_id: number; quantity: number }[];
}
interface RecentOrder {
  order_id: number;
  user_id: number;
  saga_state: string;
  total_amount: number;
  created_at: string;
}

type Notice = { kind: "ok" | "error"; text: string } | null;

function message(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

function NoticeLine({ notice, id }: { notice: Notice; id: string }) {
  if (!notice) return <p id={id} class="notice" role="status" />;
  return (
    <p id={id} class={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"} data-kind={notice.kind}>
      <strong>{notice.kind === "error" ? "Error: " : "Done: "}</strong>
      {notice.text}
    </p>
  );
}

function SignIn({ onSession, reason }: { onSession: (s: Session) => void; reason: string | null }) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(reason);
  const [busy, setBusy] = useState(false);
  useEffect(() => setProblem(reason), [reason]);
  async function submit(e: Event) {
    e.preventDefault();
    const session = readToken(text);
    if (!session) return setProblem("This is not a token: paste the whole JWT (three parts separated by dots).");
    if (session.role !== "clerk" && session.role !== "manager")
      return setProblem("This app is for store staff: the token needs the clerk or manager role.");
    setBusy(true);
    try {
      await api(session.token, "GET", "/store-api/stocks?size=1");
      onSession(session);
    } catch (error) {
      setProblem(isExpired(session) ? `${SIGN_IN_MESSAGE} (it expired)` : message(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section id="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <form onSubmit={submit} autocomplete="off">
        <label for="token">Bearer token</label>
        <textarea id="token" rows={3} spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <p class="hint">
          For local development, <code>./stack token clerk</code> or <code>./stack token manager</code> prints one (its
          last line), signed with the local development key.
        </p>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {problem && (
        <p id="sign-in-message" class="notice error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function Products({ session }: { session: Session }) {
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<StockPage | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [levels, setLevels] = useState<Record<number, string>>({});
  const size = 10;
  async function load(p = page, q = search) {
    try {
      const answer = await api<StockPage>(
        session.token,
        "GET",
        `/store-api/stocks?search=${encodeURIComponent(q)}&page=${p}&size=${size}`,
      );
      setData(answer.data);
    } catch (e) {
      setNotice({ kind: "error", text: message(e) });
    }
  }
  useEffect(() => {
    load();
  }, [page]);
  async function setStock(line: StockLine) {
    const typed = levels[line.product_id] ?? "";
    try {
      const answer = await api<{ quantity: number }>(session.token, "POST", "/store-api/stocks", {
        product_id: line.product_id,
        quantity: typed.trim() === "" ? null : Number(typed),
      });
      setNotice({ kind: "ok", text: `${line.name}: stock set to ${answer.data.quantity}` });
      load();
    } catch (e) {
      setNotice({ kind: "error", text: message(e) });
    }
  }
  async function remove(line: StockLine) {
    try {
      await api(session.token, "DELETE", `/store-api/products/${line.product_id}`);
      setNotice({ kind: "ok", text: `${line.name} deleted` });
      load();
    } catch (e) {
      setNotice({ kind: "error", text: message(e) });
    }
  }
  const pages = data ? Math.max(1, Math.ceil(data.total / size)) : 1;
  return (
    <section id="products" aria-labelledby="products-title">
      <h2 id="products-title">Products and stock</h2>
      <form
        class="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          load(1);
        }}
      >
        <label for="product-search">Search by name or SKU</label>
        <input id="product-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        <button type="submit">Search</button>
      </form>
      <NoticeLine notice={notice} id="products-notice" />
      <div class="scroll">
        <table id="product-table">
          <caption>
            {data ? `${data.total} products, page ${data.page} of ${pages}` : "Loading…"} · low stock: under {LOW_STOCK} units
          </caption>
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">name</th>
              <th scope="col">SKU</th>
              <th scope="col">price</th>
              <th scope="col">stock</th>
              <th scope="col">set stock</th>
              {can(session.role, "deleteProduct") && <th scope="col">delete</th>}
            </tr>
          </thead>
          <tbody>
            {data?.items.map((line) => (
              <tr key={line.product_id} data-product-id={line.product_id} class={isLowStock(line.quantity) ? "low" : ""}>
                <td>{line.product_id}</td>
                <td>{line.name}</td>
                <td>{line.sku}</td>
                <td class="num">{money(line.unit_price)}</td>
                <td class="num" data-stock={line.quantity}>
                  {line.quantity}
                  {isLowStock(line.quantity) && <span class="badge">low stock</span>}
                </td>
                <td>
                  <form
                    class="inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      setStock(line);
                    }}
                  >
                    <label class="sr-only" for={`level-${line.product_id}`}>
                      New stock level of {line.name}
                    </label>
                    <input
                      id={`level-${line.product_id}`}
                      class="qty"
                      inputMode="numeric"
                      value={levels[line.product_id] ?? ""}
                      onInput={(e) => setLevels({ ...levels, [line.product_id]: e.currentTarget.value })}
                    />
                    <button type="submit">Set</button>
                  </form>
                </td>
                {can(session.role, "deleteProduct") && (
                  <td>
                    <button type="button" class="danger" onClick={() => remove(line)} aria-label={`Delete ${line.name}`}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="row" aria-label="Pages">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous page
        </button>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          Next page
        </button>
      </nav>
      {can(session.role, "createProduct") && <CreateProduct session={session} onCreated={() => load()} />}
    </section>
  );
}

function CreateProduct({ session, onCreated }: { session: Session; onCreated: () => void }) {
  const [name, setName] = useState("");
  const [sku, setSku] = useState("");
  const [price, setPrice] = useState("");
  const [notice, setNotice] = useState<Notice>(null);
  async function submit(e: Event) {
    e.preventDefault();
    try {
      const answer = await api<{ product_id: number }>(session.token, "POST", "/store-api/products", {
        name,
        sku,
        price: price.trim() === "" ? null : price.trim(),
      });
      setNotice({ kind: "ok", text: `product ${answer.data.product_id} created, with 0 units in stock` });
      onCreated();
    } catch (err) {
      setNotice({ kind: "error", text: message(err) });
    }
  }
  return (
    <form id="create-product" onSubmit={submit} aria-labelledby="create-product-title">
      <h3 id="create-product-title">Create a product</h3>
      <div class="fields">
        <label>
          Name <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          SKU <input value={sku} onInput={(e) => setSku(e.currentTarget.value)} />
        </label>
        <label>
          Unit price <input inputMode="decimal" value={price} onInput={(e) => setPrice(e.currentTarget.value)} />
        </label>
      </div>
      <button type="submit">Create product</button>
      <NoticeLine notice={notice} id="create-product-notice" />
    </form>
  );
}

interface Line {
  productId: string;
  quantity: string;
}

function PlaceOrder({ session, onPlaced }: { session: Session; onPlaced: (id: number) => void }) {
  const [userId, setUserId] = useState("");
  const [userName, setUserName] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([{ productId: "", quantity: "1" }]);
  const [products, setProducts] = useState<StockLine[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const lastKey = useRef<{ body: string; key: string } | null>(null);
  useEffect(() => {
    api<StockPage>(session.token, "GET", "/store-api/stocks?size=100")
      .then((a) => setProducts(a.data.items))
      .catch((e) => setNotice({ kind: "error", text: message(e) }));
  }, []);
  async function lookUpUser() {
    setUserName(null);
    if (!/^\d+$/.test(userId.trim())) return;
    try {
      const a = await api<{ name: string; email: string }>(session.token, "GET", `/store-api/users/${userId.trim()}`);
      setUserName(`${a.data.name} <${a.data.email}>`);
    } catch (e) {
      setUserName(message(e));
    }
  }
  const prices = new Map(products.map((p) => [p.product_id, Number(p.unit_price)]));
  const chosen = lines.filter((l) => l.productId !== "");
  const total = orderTotal(
    chosen.map((l) => ({ productId: Number(l.productId), quantity: Number(l.quantity) })),
    prices,
  );
  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return; // a double click sends once; a retry after an answer reuses the key
    const body = orderBody(userId, lines);
    lastKey.current = idempotencyKey(lastKey.current, body, () => crypto.randomUUID());
    setBusy(true);
    try {
      const a = await api<{ order_id: number }>(session.token, "POST", "/store-api/orders", body, {
        "Idempotency-Key": lastKey.current.key,
      });
      setNotice({ kind: "ok", text: `order ${a.data.order_id} placed` });
      onPlaced(a.data.order_id);
    } catch (err) {
      setNotice({ kind: "error", text: message(err) });
    } finally {
      setBusy(false);
    }
  }
  const update = (i: number, change: Partial<Line>) => setLines(lines.map((l, j) => (i === j ? { ...l, ...change } : l)));
  return (
    <form id="place-order" onSubmit={submit} aria-labelledby="place-order-title">
      <h3 id="place-order-title">Place an order</h3>
      <div class="fields">
        <label>
          Customer (user id)
          <input id="order-user" inputMode="numeric" value={userId} onInput={(e) => setUserId(e.currentTarget.value)} onBlur={lookUpUser} />
        </label>
        <span id="order-user-name" class="hint" aria-live="polite">
          {userName}
        </span>
      </div>
      <NewCustomer
        session={session}
        onCreated={(id) => {
          setUserId(String(id));
          setUserName(null);
        }}
      />
      <div class="scroll">
      <table id="order-lines">
        <caption>Lines</caption>
        <thead>
          <tr>
            <th scope="col">product</th>
            <th scope="col">quantity</th>
            <th scope="col">line total</th>
            <th scope="col">remove</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => {
            const price = prices.get(Number(line.productId));
            return (
              <tr key={i}>
                <td>
                  <label class="sr-only" for={`line-product-${i}`}>
                    Product of line {i + 1}
                  </label>
                  <select id={`line-product-${i}`} value={line.productId} onChange={(e) => update(i, { productId: e.currentTarget.value })}>
                    <option value="">choose a product</option>
                    {products.map((p) => (
                      <option value={String(p.product_id)} key={p.product_id}>
                        {p.product_id} · {p.name} ({money(p.unit_price)}, {p.quantity} in stock)
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <label class="sr-only" for={`line-quantity-${i}`}>
                    Quantity of line {i + 1}
                  </label>
                  <input id={`line-quantity-${i}`} class="qty" inputMode="numeric" value={line.quantity} onInput={(e) => update(i, { quantity: e.currentTarget.value })} />
                </td>
                <td class="num">{price === undefined ? "–" : money(price * Number(line.quantity))}</td>
                <td>
                  <button type="button" onClick={() => setLines(lines.filter((_, j) => j !== i))} disabled={lines.length === 1}>
                    Remove line {i + 1}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <p class="row">
        <button type="button" onClick={() => setLines([...lines, { productId: "", quantity: "1" }])}>
          Add a line
        </button>
        <span>
          Total before sending: <strong id="order-total">{total === null ? "–" : money(total)}</strong>
        </span>
      </p>
      <button type="submit" id="place-order-submit" disabled={busy}>
        Place order
      </button>
      <NoticeLine notice={notice} id="place-order-notice" />
    </form>
  );
}

function NewCustomer({ session, onCreated }: { session: Session; onCreated: (id: number) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [notice, setNotice] = useState<Notice>(null);
  async function create() {
    try {
      const a = await api<{ user_id: number }>(session.token, "POST", "/store-api/users", { name, email });
      setNotice({ kind: "ok", text: `customer ${a.data.user_id} created` });
      onCreated(a.data.user_id);
    } catch (e) {
      setNotice({ kind: "error", text: message(e) });
    }
  }
  return (
    <details>
      <summary>New customer</summary>
      <div class="fields">
        <label>
          Name <input id="new-user-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Email <input id="new-user-email" type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <button type="button" id="new-user-create" onClick={create}>
          Create customer
        </button>
      </div>
      <NoticeLine notice={notice} id="new-user-notice" />
    </details>
  );
}

function FollowOrder({ session, orderId, onChanged }: { session: Session; orderId: number; onChanged: () => void }) {
  const [order, setOrder] = useState<Order | null>(null);
  const [seen, setSeen] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [card, setCard] = useState({ number: "", code: "", expiry: "" });
  const [waitingForPaid, setWaitingForPaid] = useState(false);
  const [timeline, setTimeline] = useState<{ event: string; published_by: string; at: string }[] | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    setSeen([]);
    setOrder(null);
    setTimeline(null);
    async function poll() {
      try {
        const a = await api<Order>(session.token, "GET", `/store-api/orders/${orderId}`);
        if (stopped) return;
        setOrder(a.data);
        setSeen((s) => noteState(s, a.data.saga_state));
        if (!isFinal(a.data.saga_state) || (waitingRef.current && !a.data.is_paid)) {
          timer = window.setTimeout(poll, 400);
        } else {
          waitingRef.current = false;
          setWaitingForPaid(false);
          onChanged();
          if (can(session.role, "timeline")) {
            api<{ events: { event: string; published_by: string; at: string }[] }>(session.token, "GET", `/store-api/orders/${orderId}/events`)
              .then((t) => !stopped && setTimeline(t.data.events))
              .catch(() => {});
          }
        }
      } catch (e) {
        if (!stopped) setNotice({ kind: "error", text: message(e) });
      }
    }
    pollRef.current = poll;
    poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [orderId]);
  const waitingRef = useRef(false);
  const pollRef = useRef<() => void>(() => {});
  async function pay(e: Event) {
    e.preventDefault();
    const path = order?.payment_link ? paymentPath(order.payment_link) : null;
    if (!path) return setNotice({ kind: "error", text: "This order has no payment link." });
    try {
      await api(session.token, "POST", path, { cardNumber: card.number, cardCode: card.code, expirationDate: card.expiry });
      setNotice({ kind: "ok", text: "payment accepted; waiting for the order to be marked paid" });
      waitingRef.current = true;
      setWaitingForPaid(true);
      pollRef.current();
    } catch (err) {
      setNotice({ kind: "error", text: message(err) });
    }
  }
  async function remove() {
    try {
      const a = await api(session.token, "DELETE", `/store-api/orders/${orderId}`);
      setNotice({ kind: "ok", text: `order ${orderId} deleted (HTTP ${a.status})` });
      onChanged();
    } catch (err) {
      setNotice({ kind: "error", text: message(err) });
    }
  }
  const state = order?.saga_state ?? null;
  return (
    <section id="follow" aria-labelledby="follow-title" data-order-id={orderId} data-saga-state={state ?? ""} data-paid={order?.is_paid ? "true" : "false"}>
      <h3 id="follow-title">Order {orderId}</h3>
      <ol class="saga" aria-label="Saga states">
        {sagaSteps(seen, state).map(({ state: s, step }) => (
          <li key={s} data-state={s} data-step={step} class={step}>
            {s} {step === "passed" ? "✓ passed" : step === "now" ? (isFinal(s) ? "(final)" : "(now)") : "(not yet)"}
          </li>
        ))}
      </ol>
      <p aria-live="polite" id="saga-state">
        State: <strong>{state ?? "loading…"}</strong>
        {order?.error && <span> · error: {order.error}</span>}
      </p>
      {order && (
        <dl class="facts">
          <dt>customer</dt>
          <dd>{order.user_id}</dd>
          <dt>total</dt>
          <dd id="follow-total">{money(order.total_amount)}</dd>
          <dt>paid</dt>
          <dd id="follow-paid">{order.is_paid ? "yes" : waitingForPaid ? "waiting…" : "no"}</dd>
          <dt>payment link</dt>
          <dd id="payment-link">{order.payment_link ?? "none yet"}</dd>
        </dl>
      )}
      {order?.payment_link && !order.is_paid && (
        <form id="pay" onSubmit={pay} aria-labelledby="pay-title">
          <h4 id="pay-title">Pay with a card</h4>
          <p class="hint">The course's card formats: a 13 to 19 digit number, a 3 or 4 digit code, the expiry as MM/YY, MM/YYYY or YYYY-MM-DD.</p>
          <div class="fields">
            <label>
              Card number <input id="card-number" inputMode="numeric" autocomplete="off" value={card.number} onInput={(e) => setCard({ ...card, number: e.currentTarget.value })} />
            </label>
            <label>
              Card code <input id="card-code" inputMode="numeric" autocomplete="off" value={card.code} onInput={(e) => setCard({ ...card, code: e.currentTarget.value })} />
            </label>
            <label>
              Expiry <input id="card-expiry" autocomplete="off" placeholder="MM/YY" value={card.expiry} onInput={(e) => setCard({ ...card, expiry: e.currentTarget.value })} />
            </label>
          </div>
          <button type="submit">Pay</button>
        </form>
      )}
      <p>
        <button type="button" class="danger" id="delete-order" onClick={remove}>
          Delete order {orderId}
        </button>
      </p>
      <NoticeLine notice={notice} id="follow-notice" />
      {timeline && (
        <table id="timeline">
          <caption>Event timeline (manager)</caption>
          <thead>
            <tr>
              <th scope="col">event</th>
              <th scope="col">published by</th>
              <th scope="col">at (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((t, i) => (
              <tr key={i}>
                <td>{t.event}</td>
                <td>{t.published_by}</td>
                <td>{t.at}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Orders({ session }: { session: Session }) {
  const [following, setFollowing] = useState<number | null>(null);
  const [recent, setRecent] = useState<RecentOrder[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  async function loadRecent() {
    try {
      setRecent((await api<RecentOrder[]>(session.token, "GET", "/store-api/orders?limit=15")).data);
    } catch (e) {
      setNotice({ kind: "error", text: message(e) });
    }
  }
  useEffect(() => {
    loadRecent();
  }, []);
  return (
    <section id="orders" aria-labelledby="orders-title">
      <h2 id="orders-title">Orders</h2>
      <div class="columns">
        <PlaceOrder
          session={session}
          onPlaced={(id) => {
            setFollowing(id);
            loadRecent();
          }}
        />
        {following !== null && <FollowOrder session={session} orderId={following} onChanged={loadRecent} />}
      </div>
      <h3 id="recent-title">Recent orders</h3>
      <NoticeLine notice={notice} id="recent-notice" />
      <div class="scroll">
        <table id="recent-orders" aria-labelledby="recent-title">
          <thead>
            <tr>
              <th scope="col">order</th>
              <th scope="col">customer</th>
              <th scope="col">saga state</th>
              <th scope="col">total</th>
              <th scope="col">placed (UTC)</th>
              <th scope="col">open</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((o) => (
              <tr key={o.order_id} data-order-id={o.order_id}>
                <td>{o.order_id}</td>
                <td>{o.user_id}</td>
                <td>{o.saga_state}</td>
                <td class="num">{money(o.total_amount)}</td>
                <td>{o.created_at}</td>
                <td>
                  <button type="button" onClick={() => setFollowing(o.order_id)}>
                    Open order {o.order_id}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={loadRecent}>
        Refresh the list
      </button>
    </section>
  );
}

type Tab = "products" | "orders" | "reports";

function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("orders");
  useEffect(() => {
    whenUnauthorized((text) => {
      setSession(null);
      setReason(text);
    });
  }, []);
  if (!session) {
    return (
      <Shell session={null} onSignOut={() => {}}>
        <SignIn
          reason={reason}
          onSession={(s) => {
            setReason(null);
            setSession(s);
          }}
        />
      </Shell>
    );
  }
  const tabs: [Tab, string][] = [
    ["orders", "Orders"],
    ["products", "Products and stock"],
  ];
  if (can(session.role, "reports")) tabs.push(["reports", "Reports"]);
  return (
    <Shell session={session} onSignOut={() => setSession(null)}>
      <nav class="tabs" aria-label="Sections">
        {tabs.map(([id, label]) => (
          <button type="button" key={id} id={`tab-${id}`} aria-current={tab === id ? "page" : undefined} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </nav>
      {tab === "orders" && <Orders session={session} />}
      {tab === "products" && <Products session={session} />}
      {tab === "reports" && can(session.role, "reports") && <Charts token={session.token} />}
    </Shell>
  );
}

function Shell({ session, onSignOut, children }: { session: Session | null; onSignOut: () => void; children: preact.ComponentChildren }) {
  return (
    <>
      <header>
        <h1>Store Manager · staff</h1>
        {session && (
          <p id="who" data-role={session.role ?? ""}>
            Signed in as <strong>{session.subject}</strong>, role <strong>{session.role}</strong>{" "}
            <button type="button" onClick={onSignOut}>
              Sign out
            </button>
          </p>
        )}
      </header>
      <main>{children}</main>
    </>
  );
}

const root = document.getElementById("app")!;
root.textContent = ""; // the "Loading" line of index.html
render(<App />, root);
