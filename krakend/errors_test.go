package main

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// jsonErrors alone, on handlers that answer like lura, gin and the services do.
func TestJSONErrors(t *testing.T) {
	long := `{"error":"` + strings.Repeat("x", errorBodyLimit) + `"}`
	cases := []struct {
		name        string
		handler     http.HandlerFunc
		status      int
		body, ctype string
	}{
		{"a success passes unchanged", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(201)
			w.Write([]byte("made"))
		}, 201, "made", "text/plain"},
		{"an implicit 200 passes unchanged", func(w http.ResponseWriter, _ *http.Request) {
			w.Write([]byte(`{"ok":true}`))
		}, 200, `{"ok":true}`, ""}, // the recorder does not sniff a type
		{"a service's error passes unchanged", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(422)
			w.Write([]byte(`{"error":"unknown product 9"}`))
		}, 422, `{"error":"unknown product 9"}`, "application/json"},
		{"an empty 503 gets a body", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(503)
		}, 503, `{"error":"` + gatewayErrorMessage(503) + `"}`, "application/json"},
		{"a plain-text 404 gets a JSON body", func(w http.ResponseWriter, _ *http.Request) {
			http.NotFound(w, nil)
		}, 404, `{"error":"No resource at this path"}`, "application/json"},
		{"JSON without an error field is replaced", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "30")
			w.WriteHeader(400)
			w.Write([]byte(`{"error_message" : "CWWWC0005I"}`))
		}, 400, `{"error":"` + gatewayErrorMessage(400) + `"}`, "application/json"},
		{"an error field that is no string is replaced", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(409)
			w.Write([]byte(`{"error":{"code":1}}`))
		}, 409, `{"error":"Conflict"}`, "application/json"},
		{"a long error body passes as it is", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			w.Write([]byte(long[:100]))
			w.Write([]byte(long[100:]))
		}, 400, long, "application/json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			jsonErrors(c.handler).ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
			if rec.Code != c.status || rec.Body.String() != c.body || rec.Header().Get("Content-Type") != c.ctype {
				t.Errorf("got %d %q %q, want %d %q %q", rec.Code, rec.Header().Get("Content-Type"),
					trim(rec.Body.String()), c.status, c.ctype, trim(c.body))
			}
			if cl := rec.Header().Get("Content-Length"); c.status >= 400 && len(c.body) <= errorBodyLimit && cl != itoa(len(c.body)) {
				t.Errorf("Content-Length %q, body %d bytes", cl, len(c.body))
			}
		})
	}
}

func trim(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
