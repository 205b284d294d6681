package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luraproject/lura/v2/config"
	"github.com/luraproject/lura/v2/logging"
	"github.com/luraproject/lura/v2/proxy"
	krakendgin "github.com/luraproject/lura/v2/router/gin"
	"github.com/luraproject/lura/v2/transport/http/client"
)

// A minimal config; %SERVICE%, %ENDPOINT%, %BACKEND% are replaced by extra_config blocks and
// %MORE% by further endpoints.
const baseConfig = `{
  "version": 3, "port": 8080, "timeout": "1s", "output_encoding": "no-op",
  "extra_config": {%SERVICE%},
  "endpoints": [
    {"endpoint": "/a/{id}", "method": "GET", "extra_config": {%ENDPOINT%},
     "backend": [{"host": ["http://store-manager-1:5000"], "url_pattern": "/a/{id}", "encoding": "no-op",
                  "extra_config": {%BACKEND%}}]}
    %MORE%
  ]
}`

func writeConfig(t *testing.T, service, endpoint, backend, more string) string {
	t.Helper()
	r := strings.NewReplacer("%SERVICE%", service, "%ENDPOINT%", endpoint, "%BACKEND%", backend, "%MORE%", more)
	path := filepath.Join(t.TempDir(), "krakend.json")
	if err := os.WriteFile(path, []byte(r.Replace(baseConfig)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfigRejectsWhatItDoesNotWire(t *testing.T) {
	tests := []struct {
		name, service, endpoint, backend string
		wantErr                          string // empty: must load
	}{
		{"supported everywhere", `"router": {}`, `"qos/ratelimit/router": {"max_rate": 10}`, `"backend/http": {}`, ""},
		{"full namespace names", `"github_com/luraproject/lura/router/gin": {}`, ``, `"github.com/devopsfaith/krakend/http": {}`, ""},
		{"unknown at service level", `"telemetry/logging": {}`, ``, ``, `the service: extra_config namespace "telemetry/logging"`},
		{"unknown at endpoint level", ``, `"auth/validator": {}`, ``, `endpoint GET /a/:id: extra_config namespace "auth/validator"`},
		{"unknown at backend level", ``, ``, `"qos/circuit-breaker": {}`, `backend 0 (/a/{{.Id}}): extra_config namespace "qos/circuit-breaker"`},
		{"rate limit at service level is ignored by CE", `"qos/ratelimit/router": {}`, ``, ``, `"qos/ratelimit/router" is not supported by this gateway at service level`},
		{"router namespace at endpoint level", ``, `"router": {}`, ``, `endpoint GET /a/:id: extra_config namespace "github_com/luraproject/lura/router/gin"`},
		{"unknown rate-limit strategy", ``, `"qos/ratelimit/router": {"client_max_rate": 1, "strategy": "cookie"}`, ``, `unknown strategy "cookie"`},
		{"malformed rate-limit block", ``, `"qos/ratelimit/router": 5`, ``, `qos/ratelimit/router: wrong extra config`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadConfig(writeConfig(t, tc.service, tc.endpoint, tc.backend, ""), env(nil))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
			}
		})
	}
}

// Without config.ExtraConfigAlias + Normalize, "router" and "backend/http" would parse and do nothing.
func TestAliasesAreNormalised(t *testing.T) {
	cfg, err := loadConfig(writeConfig(t, `"router": {"health_path": "/__alive"}`, ``, `"backend/http": {"return_error_code": true}`, ""), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cfg.ExtraConfig[krakendgin.Namespace]; !ok {
		t.Errorf("service extra_config = %v, want the gin namespace", cfg.ExtraConfig)
	}
	if _, ok := cfg.Endpoints[0].Backend[0].ExtraConfig[client.Namespace]; !ok {
		t.Errorf("backend extra_config = %v, want the http client namespace", cfg.Endpoints[0].Backend[0].ExtraConfig)
	}
	// Effective, not only renamed: lura's engine serves its health endpoint on the configured path.
	engine := krakendgin.NewEngine(cfg, krakendgin.EngineOptions{Logger: logging.NoOp, Writer: &bytes.Buffer{}})
	rec := httptest.NewRecorder()
	engine.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/__alive", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("GET /__alive = %d, want 200 (router.health_path applied)", rec.Code)
	}
}

func TestEnvironmentOverrides(t *testing.T) {
	const store1, store2 = "http://store-manager-1:5000", "http://store-manager-2:5000"
	more := `,{"endpoint": "/b", "backend": [{"host": ["` + store1 + `", "` + store2 + `"], "url_pattern": "/b"}]}`
	tests := []struct {
		name      string
		env       map[string]string
		wantHosts []string // of the second endpoint
		wantAddr  string
		wantPort  int
		wantErr   string
	}{
		{"no environment: the file applies", nil, []string{store1, store2}, "", 8080, ""},
		{"host map applied", map[string]string{envHostMap: store1 + "=http://127.0.0.1:5000, " + store2 + "=http://127.0.0.1:5001/"},
			[]string{"http://127.0.0.1:5000", "http://127.0.0.1:5001"}, "", 8080, ""},
		{"partial host map", map[string]string{envHostMap: store2 + "=http://127.0.0.1:5000"},
			[]string{store1, "http://127.0.0.1:5000"}, "", 8080, ""},
		{"listen ip and port", map[string]string{envListenIP: "127.0.0.1", envPort: "18080"}, []string{store1, store2}, "127.0.0.1", 18080, ""},
		{"unknown host in map", map[string]string{envHostMap: "http://payment:5009=http://127.0.0.1:5009"}, nil, "", 0,
			"GATEWAY_HOST_MAP: http://payment:5009 is not a host of this config"},
		{"pair without =", map[string]string{envHostMap: store1}, nil, "", 0, "is not FROM=TO"},
		{"target is not a host", map[string]string{envHostMap: store1 + "=127.0.0.1:5000"}, nil, "", 0, "is not a host like http://name:port"},
		{"target with a path", map[string]string{envHostMap: store1 + "=http://127.0.0.1:5000/api"}, nil, "", 0, "is not a host like"},
		{"host mapped twice", map[string]string{envHostMap: store1 + "=http://a:1," + store1 + "=http://b:2"}, nil, "", 0, "mapped twice"},
		{"bad port", map[string]string{envPort: "80a"}, nil, "", 0, "GATEWAY_PORT"},
		{"bad listen ip", map[string]string{envListenIP: "localhost"}, nil, "", 0, "GATEWAY_LISTEN_IP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := loadConfig(writeConfig(t, ``, ``, ``, more), env(tc.env))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(cfg.Endpoints[1].Backend[0].Host, " "); got != strings.Join(tc.wantHosts, " ") {
				t.Errorf("hosts = %s, want %s", got, strings.Join(tc.wantHosts, " "))
			}
			if cfg.Address != tc.wantAddr || cfg.Port != tc.wantPort {
				t.Errorf("listen = %q:%d, want %q:%d", cfg.Address, cfg.Port, tc.wantAddr, tc.wantPort)
			}
		})
	}
}

// `check` validates the file; `check -t` also mounts the routes, where gin finds clashes.
func TestCheckCommand(t *testing.T) {
	clash := `,{"endpoint": "/a/{other}", "backend": [{"host": ["http://x:1000"], "url_pattern": "/a/{other}"}]}`
	duplicate := `,{"endpoint": "/a/{id}", "backend": [{"host": ["http://x:1000"], "url_pattern": "/b"}]}`
	static := `,{"endpoint": "/a/reports/overview", "backend": [{"host": ["http://x:1000"], "url_pattern": "/r"}]}`
	tests := []struct {
		name, more string
		args       []string
		wantCode   int
		wantOut    string
	}{
		{"valid", "", []string{"check"}, 0, "Syntax OK!"},
		{"valid with -t", static, []string{"check", "-t"}, 0, "Syntax OK!"},
		{"clash unnoticed without -t", clash, []string{"check"}, 0, "Syntax OK!"},
		{"wildcard clash with -t", clash, []string{"check", "-t"}, 1, "route clash: ':other' in new path '/a/:other' conflicts with existing wildcard ':id'"},
		{"duplicate route with -t", duplicate, []string{"check", "-t"}, 1, "route clash: handlers are already registered for path '/a/:id'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			args := append(tc.args, "-c", writeConfig(t, ``, ``, ``, tc.more))
			code := cli(args, &out, &errOut)
			if code != tc.wantCode || !strings.Contains(out.String()+errOut.String(), tc.wantOut) {
				t.Fatalf("exit %d, output %q %q; want exit %d and %q", code, out.String(), errOut.String(), tc.wantCode, tc.wantOut)
			}
		})
	}
}

// The real file must pass `check -t`, with and without the local host map.
func TestRealConfigChecks(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := cli([]string{"check", "-t", "-c", "krakend.json"}, &out, &errOut); code != 0 {
		t.Fatalf("check -t krakend.json: exit %d: %s", code, errOut.String())
	}
}

// "backend/http" is effective, not only renamed: with return_error_code a JSON-encoded endpoint
// passes the backend's 404 on; without the block KrakenD answers 500.
func TestBackendHTTPAliasIsEffective(t *testing.T) {
	missing := httptest.NewServer(http.NotFoundHandler())
	defer missing.Close()
	for _, tc := range []struct {
		name, backendExtra string
		want               int
	}{
		{"with backend/http return_error_code", `"backend/http": {"return_error_code": true}`, 404},
		{"without", ``, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "krakend.json")
			cfgJSON := `{"version": 3, "endpoints": [{"endpoint": "/x", "backend": [{"host": ["` + missing.URL +
				`"], "url_pattern": "/x", "extra_config": {` + tc.backendExtra + `}}]}]}`
			if err := os.WriteFile(path, []byte(cfgJSON), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := loadConfig(path, env(nil))
			if err != nil {
				t.Fatal(err)
			}
			// The real wiring, with a RunServer that hands us the handler instead of listening.
			var handler http.Handler
			capture := func(_ context.Context, _ config.ServiceConfig, h http.Handler) error { handler = h; return nil }
			newRouter(context.Background(), cfg, logging.NoOp, io.Discard, proxy.DefaultFactory(logging.NoOp), capture)(cfg)
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
			if rec.Code != tc.want {
				t.Errorf("GET /x = %d, want %d", rec.Code, tc.want)
			}
		})
	}
}
