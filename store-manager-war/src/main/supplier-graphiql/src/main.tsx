// The suppliers' GraphiQL page (README.md "GraphQL for suppliers"): a header where a bearer token is pasted,
// then GraphiQL (its editor, docs explorer and history), which posts every query to the GraphQL endpoint
// relative to the page with that token. The logic it uses is in logic.ts (unit-tested).
import { GraphiQL } from "graphiql";
import { type ClipboardEvent, type FormEvent, StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import {
  DEFAULT_QUERY,
  describeToken,
  graphqlEndpoint,
  graphqlFetcher,
  loadToken,
  normalizeToken,
  saveToken,
} from "./logic";
// GraphiQL's styles without its web fonts (data: URLs the page's CSP does not allow; system fonts instead).
import "@graphiql/react/dist/style.css";
import "graphiql/src/style.css";
import "./page.css";

const endpoint = graphqlEndpoint(location.href);

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function Page() {
  const [token, setToken] = useState(() => loadToken(sessionStore()));
  const [draft, setDraft] = useState(token);
  // A new fetcher for a new token: GraphiQL then introspects the schema again, with the token.
  const fetcher = useMemo(() => graphqlFetcher(endpoint, token), [token]);

  function use(raw: string) {
    const next = normalizeToken(raw);
    saveToken(sessionStore(), next);
    setDraft(next);
    setToken(next);
  }
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    use(draft);
  }
  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData("text");
    if (!pasted) return;
    event.preventDefault();
    use(pasted);
  }

  return (
    <>
      <header className="token-bar">
        <h1>Store Manager · GraphQL for suppliers</h1>
        <form id="token-form" onSubmit={onSubmit}>
          <label htmlFor="token">Bearer token</label>
          <input
            id="token"
            name="token"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onPaste={onPaste}
            placeholder="eyJhbGciOiJSUzI1NiIs…"
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit">Use token</button>
          <button type="button" id="forget-token" onClick={() => use("")} disabled={!token}>
            Forget
          </button>
        </form>
        <p id="token-status" data-token={token ? "set" : "none"} aria-live="polite">
          {describeToken(token)}
        </p>
        <p className="hint">
          For the local stack, <code>./stack token supplier</code> prints one (the last line). It is kept in this tab
          only and sent only as the <code>Authorization</code> header of the calls to{" "}
          <code>{new URL(endpoint).pathname}</code>.
        </p>
      </header>
      <main className="graphiql-host">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
      </main>
    </>
  );
}

createRoot(document.getElementById("page")!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
