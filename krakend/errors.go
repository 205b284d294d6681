package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// The error contract of the project (README, "every error is {"error": "..."}") holds at the
// gateway too. jsonErrors wraps the whole router: an answer of 400 or more whose body is not
// already a JSON object with an "error" string gets one, with the same status. That covers
// KrakenD's own answers, which have an empty or plain-text body (no route 404, wrong method 405,
// per-client limit 429, endpoint limit 503, backend timeout or failure 500), and any backend
// error that breaks the contract (Liberty answers a badly percent-encoded path in HTML before
// the application sees it). Error bodies the services wrote are passed on unchanged.
//
// What it cannot reach: the requests Go's HTTP server refuses before any handler runs (a
// malformed Host header, a request line that does not parse). net/http answers those itself
// with a plain-text 400 (krakend/README.md).

// errorBodyLimit bounds what is buffered of an error answer to look at it; a longer one is
// passed on as it is (the services' errors are a few hundred bytes).
const errorBodyLimit = 64 << 10

func jsonErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ew := &errorWriter{ResponseWriter: w}
		if badPath(r.URL.Path) {
			// lura would put the decoded path into the backend's URL, fail to build the request and
			// answer 500; the services' container refuses such a path too. It is the client's error.
			ew.WriteHeader(http.StatusBadRequest)
		} else {
			next.ServeHTTP(ew, r)
		}
		ew.finish()
	})
}

// badPath: the decoded path holds a control character (%0A, %00, ...) or is no UTF-8 (%F2%90).
func badPath(path string) bool {
	if !utf8.ValidString(path) {
		return true
	}
	for i := 0; i < len(path); i++ {
		if path[i] < 0x20 || path[i] == 0x7f {
			return true
		}
	}
	return false
}

// gatewayErrorMessage is the message of an error answer that came without one.
func gatewayErrorMessage(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Bad request: the request is malformed (for example a path with a bad percent-encoding)"
	case http.StatusUnauthorized:
		return "Authentication required: send a valid bearer token"
	case http.StatusNotFound:
		return "No resource at this path"
	case http.StatusMethodNotAllowed:
		return "Method not allowed on this path"
	case http.StatusRequestEntityTooLarge:
		return "Request body exceeds the limit of 1 MiB"
	case http.StatusTooManyRequests:
		return "Too many requests from this client (one bearer token): retry in a minute"
	case http.StatusInternalServerError:
		return "The service failed or did not answer within the gateway's timeout (5 s)"
	case http.StatusServiceUnavailable:
		return "The gateway is busy: this endpoint's overall rate limit is reached, retry shortly"
	}
	if text := http.StatusText(status); text != "" {
		return text
	}
	return "Error " + strconv.Itoa(status)
}

// hasErrorField: the body is a JSON object with an "error" string (the contract).
func hasErrorField(body []byte) bool {
	var v struct {
		Error *string `json:"error"`
	}
	return json.Unmarshal(body, &v) == nil && v.Error != nil && bytes.HasPrefix(bytes.TrimSpace(body), []byte("{"))
}

// errorWriter holds back the status and body of an error answer until the handler is done, then
// writes them (or the contract's body instead). Other answers go straight through.
type errorWriter struct {
	http.ResponseWriter
	status   int  // 0 until WriteHeader (or the first Write)
	holding  bool // an error answer being buffered
	passedOn bool // the buffer was too long and has been written out
	buffered bytes.Buffer
}

func (w *errorWriter) WriteHeader(status int) {
	if w.status != 0 {
		return
	}
	w.status = status
	if status >= 400 {
		w.holding = true
		return
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *errorWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.holding {
		return w.ResponseWriter.Write(p)
	}
	if w.passedOn {
		return w.ResponseWriter.Write(p)
	}
	w.buffered.Write(p)
	if w.buffered.Len() > errorBodyLimit {
		w.passedOn = true
		w.ResponseWriter.WriteHeader(w.status)
		if _, err := w.ResponseWriter.Write(w.buffered.Bytes()); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush is a no-op while an error answer is held back.
func (w *errorWriter) Flush() {
	if w.holding && !w.passedOn {
		return
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *errorWriter) finish() {
	if !w.holding || w.passedOn {
		return
	}
	body := w.buffered.Bytes()
	if !hasErrorField(body) {
		body, _ = json.Marshal(map[string]string{"error": gatewayErrorMessage(w.status)})
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Del("Content-Encoding")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.ResponseWriter.WriteHeader(w.status)
	_, _ = w.ResponseWriter.Write(body)
}
