package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/luraproject/lura/v2/logging"
)

// End-to-end: the real router, on a random 127.0.0.1 port, loaded from the REAL krakend.json,
// with GATEWAY_HOST_MAP pointing its docker-compose hosts at httptest backends.

// seen is what a backend received.
type seen struct {
	method, path, query, body string
	header                    http.Header
	contentLength             int64
	chunked                   bool
}

// backend records every request (by "METHOD path") and answers like the services would.
type backend struct {
	*httptest.Server
	mu   sync.Mutex
	reqs map[string]seen
}

func newBackend(t *testing.T, name string) *backend {
	b := &backend{reqs: map[string]seen{}}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		b.mu.Lock()
		b.reqs[r.Method+" "+r.URL.Path] = seen{r.Method, r.URL.Path, r.URL.RawQuery, string(body), r.Header.Clone(),
			r.ContentLength, len(r.TransferEncoding) > 0}
		b.mu.Unlock()
		w.Header().Set("X-Backend", name)
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/orders":
			w.Header().Set("Location", "/orders/42")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, `{"id":42}`)
		case r.URL.Path == "/orders/404":
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":"order 404 not found"}`)
		case r.Method == http.MethodPost && r.URL.Path == "/users" && strings.Contains(string(body), "invalid"):
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, `{"error":"email is invalid"}`)
		case r.URL.Path == "/products/800": // as Liberty answers a bad percent-encoding
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `<H1>CWWWC0005I: The request URI has invalid or improperly encoded characters</H1>`)
		case r.URL.Path == "/products/801": // the same, to a JSON client
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error_message" : "CWWWC0005I: ..."}`)
		case strings.HasPrefix(r.URL.Path, "/test/slow/"):
			var secs int
			fmt.Sscan(strings.TrimPrefix(r.URL.Path, "/test/slow/"), &secs)
			select { // stop early when the gateway gives up
			case <-time.After(time.Duration(secs) * time.Second):
			case <-r.Context().Done():
			}
			fmt.Fprint(w, `{"slept":true}`)
		default:
			fmt.Fprintf(w, `{"backend":%q,"path":%q}`, name, r.URL.Path)
		}
	}))
	t.Cleanup(b.Close)
	return b
}

func (b *backend) got(t *testing.T, methodPath string) seen {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	s, ok := b.reqs[methodPath]
	if !ok {
		t.Fatalf("backend did not receive %s (received: %v)", methodPath, sortedKeys(b.reqs))
	}
	return s
}

// startGateway runs the gateway from cfgPath in this process and returns its base URL once
// /__health answers 200 (polled with a deadline, no fixed sleep).
func startGateway(t *testing.T, cfgPath string, store, payment *backend) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // lura's server listens itself; a tiny window for another process to take the port
	cfg, err := loadConfig(cfgPath, env(map[string]string{
		envListenIP: "127.0.0.1",
		envPort:     fmt.Sprint(port),
		envHostMap: "http://store-manager-1:5000=" + store.URL + ",http://store-manager-2:5000=" + store.URL +
			",http://payment:5009=" + payment.URL,
	}))
	if err != nil {
		t.Fatal(err)
	}
	logger, _ := logging.NewLogger("ERROR", os.Stderr, "[KRAKEND]")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runGateway(ctx, cfg, logger, io.Discard) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("gateway: %v", err)
		}
	})

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(base + "/__health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		select {
		case err := <-done:
			t.Fatalf("gateway stopped while starting: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("gateway not ready after 10 s: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type result struct {
	status int
	header http.Header
	body   string
}

func call(t *testing.T, method, url, body string, headers map[string]string) result {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body == "" {
		req.Body = nil
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return result{resp.StatusCode, resp.Header, string(b)}
}

func TestEndToEnd(t *testing.T) {
	store, payment := newBackend(t, "store"), newBackend(t, "payment")
	gw := startGateway(t, "krakend.json", store, payment)

	t.Run("every route of krakend.json reaches its backend path", func(t *testing.T) {
		var file struct {
			Endpoints []struct {
				Endpoint, Method string
				Backend          []struct {
					URLPattern string `json:"url_pattern"`
				}
			}
		}
		raw, err := os.ReadFile("krakend.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &file); err != nil {
			t.Fatal(err)
		}
		fill := strings.NewReplacer("{id}", "7", "{seconds}", "0")
		for _, e := range file.Endpoints {
			be, want := store, "store"
			if strings.HasPrefix(e.Endpoint, "/payments-api/") {
				be, want = payment, "payment"
			}
			r := call(t, e.Method, gw+fill.Replace(e.Endpoint), "", map[string]string{"Authorization": "Bearer route-table"})
			backendPath := fill.Replace(e.Backend[0].URLPattern)
			if r.status/100 != 2 || r.header.Get("X-Backend") != want {
				t.Errorf("%s %s: %d from %q, want 2xx from %s", e.Method, e.Endpoint, r.status, r.header.Get("X-Backend"), want)
				continue
			}
			be.got(t, e.Method+" "+backendPath)
		}
	})

	t.Run("201 with Location, headers forwarded, body not chunked", func(t *testing.T) {
		body := `{"user_id":1,"items":[{"product_id":2,"quantity":1}]}`
		r := call(t, "POST", gw+"/store-api/orders", body, map[string]string{
			"Authorization": "Bearer headers", "Idempotency-Key": "k-1", "Content-Type": "application/json", "X-Not-Listed": "secret"})
		if r.status != 201 || r.header.Get("Location") != "/orders/42" || r.body != `{"id":42}` {
			t.Fatalf("got %d %q Location=%q", r.status, r.body, r.header.Get("Location"))
		}
		s := store.got(t, "POST /orders")
		for k, v := range map[string]string{"Authorization": "Bearer headers", "Idempotency-Key": "k-1", "Content-Type": "application/json"} {
			if s.header.Get(k) != v {
				t.Errorf("backend %s = %q, want %q", k, s.header.Get(k), v)
			}
		}
		if s.header.Get("X-Not-Listed") != "" {
			t.Errorf("X-Not-Listed reached the backend; only input_headers should")
		}
		if s.body != body || s.contentLength != int64(len(body)) || s.chunked {
			t.Errorf("backend body %q, Content-Length %d, chunked %v", s.body, s.contentLength, s.chunked)
		}
	})

	t.Run("404 and 422 pass through with their bodies", func(t *testing.T) {
		r := call(t, "GET", gw+"/store-api/orders/404", "", nil)
		if r.status != 404 || r.body != `{"error":"order 404 not found"}` {
			t.Errorf("GET missing order: %d %q", r.status, r.body)
		}
		r = call(t, "POST", gw+"/store-api/users", `{"email":"invalid"}`, map[string]string{"Content-Type": "application/json"})
		if r.status != 422 || r.body != `{"error":"email is invalid"}` || r.header.Get("Content-Type") != "application/json" {
			t.Errorf("POST invalid user: %d %q %q", r.status, r.body, r.header.Get("Content-Type"))
		}
	})

	t.Run("a backend error without the contract's body gets one, same status", func(t *testing.T) {
		for _, id := range []string{"800", "801"} {
			r := call(t, "GET", gw+"/store-api/products/"+id, "", nil)
			wantJSONError(t, "GET /store-api/products/"+id, r, 400, "Bad request")
		}
	})

	t.Run("a path with a control character or no UTF-8 is a 400, the backend never asked", func(t *testing.T) {
		for _, id := range []string{"%0A%F2%90", "%00", "%F2%90"} {
			wantJSONError(t, "GET /store-api/products/"+id, call(t, "GET", gw+"/store-api/products/"+id, "", nil), 400, "Bad request")
		}
		store.mu.Lock()
		defer store.mu.Unlock()
		for k := range store.reqs {
			if strings.Contains(k, "\n") || strings.Contains(k, "\x00") {
				t.Errorf("the backend got %q", k)
			}
		}
	})

	t.Run("query strings: limit on reports, key on payment links", func(t *testing.T) {
		call(t, "GET", gw+"/store-api/orders/reports/highest-spenders?limit=3&other=x", "", nil)
		if q := store.got(t, "GET /orders/reports/highest-spenders").query; q != "limit=3" {
			t.Errorf("highest-spenders query = %q, want limit=3", q)
		}
		call(t, "GET", gw+"/store-api/orders/reports/best-sellers?limit=5", "", nil)
		if q := store.got(t, "GET /orders/reports/best-sellers").query; q != "limit=5" {
			t.Errorf("best-sellers query = %q, want limit=5", q)
		}
		// The course path POST /payments-api/payments/{id} is the backend's /payments/process/{id}.
		r := call(t, "POST", gw+"/payments-api/payments/31?key=cap-31", "", nil)
		if s := payment.got(t, "POST /payments/process/31"); r.status != 200 || s.query != "key=cap-31" {
			t.Errorf("course payment link: %d, backend query %q", r.status, s.query)
		}
		call(t, "POST", gw+"/payments-api/payments/process/32?key=cap-32", "", nil)
		if s := payment.got(t, "POST /payments/process/32"); s.query != "key=cap-32" {
			t.Errorf("payment link: backend query %q", s.query)
		}
	})

	t.Run("per-client limit on POST /store-api/orders answers 429", func(t *testing.T) {
		post := func(token string) int {
			h := map[string]string{"Content-Type": "application/json"}
			if token != "" {
				h["Authorization"] = token
			}
			return call(t, "POST", gw+"/store-api/orders", `{}`, h).status
		}
		for i := 1; i <= 10; i++ { // client_capacity 10
			if s := post("Bearer alice"); s != 201 {
				t.Fatalf("order %d of alice: %d, want 201", i, s)
			}
		}
		limited := false
		for i := 0; i < 3 && !limited; i++ { // the token bucket may let one more through
			limited = post("Bearer alice") == 429
		}
		if !limited {
			t.Errorf("alice never got 429 after 10 orders")
		}
		wantJSONError(t, "429", call(t, "POST", gw+"/store-api/orders", `{}`,
			map[string]string{"Content-Type": "application/json", "Authorization": "Bearer alice"}), 429, "Too many requests")
		if s := post("Bearer bob"); s != 201 {
			t.Errorf("bob (another token): %d, want 201", s)
		}
		if s := post(""); s != 429 {
			t.Errorf("no Authorization: %d, want 429 (header strategy without the header)", s)
		}
	})

	t.Run("unknown route 404, wrong method 405", func(t *testing.T) {
		// /store-api/orders/7/nope made gin v1.9.1 panic ("invalid node type", gin issue 2959) until
		// krakend.json set router.disable_redirect_fixed_path: the client saw an empty reply, not 404.
		for path, want := range map[string]int{"/nope": 404, "/store-api/nope": 404, "/store-api/orders/7/nope": 404} {
			wantJSONError(t, "GET "+path, call(t, "GET", gw+path, "", nil), want, "No resource")
		}
		wantJSONError(t, "PATCH /store-api/orders", call(t, "PATCH", gw+"/store-api/orders", "", nil), 405, "Method not allowed")
	})
}

// A backend slower than "timeout" gets a 500 from the gateway. The real file says 5s; the test
// derives a copy with 300ms so that it does not wait 5 s.
func TestBackendTimeout(t *testing.T) {
	raw, err := os.ReadFile("krakend.json")
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg["timeout"] != "5s" {
		t.Fatalf("krakend.json timeout = %v, want 5s", cfg["timeout"])
	}
	cfg["timeout"] = "300ms"
	derived, _ := json.Marshal(cfg)
	path := filepath.Join(t.TempDir(), "krakend.json")
	if err := os.WriteFile(path, derived, 0o644); err != nil {
		t.Fatal(err)
	}
	store, payment := newBackend(t, "store"), newBackend(t, "payment")
	gw := startGateway(t, path, store, payment)

	start := time.Now()
	r := call(t, "GET", gw+"/store-api/test/slow/3", "", nil)
	if took := time.Since(start); r.status != 500 || took > 2*time.Second {
		t.Errorf("slow backend: %d after %v, want 500 after about 300ms", r.status, took)
	}
	wantJSONError(t, "slow backend", r, 500, "did not answer")
	if r := call(t, "GET", gw+"/store-api/test/slow/0", "", nil); r.status != 200 {
		t.Errorf("fast backend: %d, want 200", r.status)
	}
}

// wantJSONError: the answer has this status and the error contract's body, {"error": "..."}
// as application/json, with a message that contains the given words.
func wantJSONError(t *testing.T, what string, r result, status int, words string) {
	t.Helper()
	var body struct {
		Error *string `json:"error"`
	}
	if r.status != status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") ||
		json.Unmarshal([]byte(r.body), &body) != nil || body.Error == nil || !strings.Contains(*body.Error, words) {
		t.Errorf("%s: %d %q %q, want %d with {\"error\": \"...%s...\"} as application/json",
			what, r.status, r.header.Get("Content-Type"), r.body, status, words)
	}
}
