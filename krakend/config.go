package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"

	ratelimit "github.com/krakend/krakend-ratelimit/v3/router"
	ratelimitgin "github.com/krakend/krakend-ratelimit/v3/router/gin"
	"github.com/luraproject/lura/v2/config"
	krakendgin "github.com/luraproject/lura/v2/router/gin"
	"github.com/luraproject/lura/v2/transport/http/client"
)

// The short namespace names KrakenD CE accepts for the components we wire. CE registers them
// in config.ExtraConfigAlias and calls cfg.Normalize() after parsing; without both, a config that
// says "router" or "backend/http" parses fine and is then silently ignored.
func init() {
	config.ExtraConfigAlias["router"] = krakendgin.Namespace
	config.ExtraConfigAlias["backend/http"] = client.Namespace
}

// The extra_config namespaces this binary really wires, per level. Anything else is an error:
// KrakenD CE has many more components, and a namespace copied from its documentation must not
// look accepted here while doing nothing.
var supportedNamespaces = map[string][]string{
	"service":  {krakendgin.Namespace}, // gin engine options (alias "router")
	"endpoint": {ratelimit.Namespace},  // qos/ratelimit/router
	"backend":  {client.Namespace},     // return_error_code... (alias "backend/http")
}

// Environment variables: the only place where this gateway differs from KrakenD CE.
//
//	GATEWAY_HOST_MAP   comma-separated FROM=TO pairs rewriting backend hosts after parsing, e.g.
//	                   http://store-manager-1:5000=http://127.0.0.1:5000,http://payment:5009=http://127.0.0.1:5009
//	                   krakend.json names the docker-compose hosts; the local stack runs on 127.0.0.1.
//	                   Every FROM must be a host that the config uses, or start-up fails.
//	GATEWAY_LISTEN_IP  overrides "listen_ip" (local: 127.0.0.1; containers keep the file's value)
//	GATEWAY_PORT       overrides "port"
const (
	envHostMap  = "GATEWAY_HOST_MAP"
	envListenIP = "GATEWAY_LISTEN_IP"
	envPort     = "GATEWAY_PORT"
)

// loadConfig parses the file as KrakenD does (lura's parser, then Normalize for the aliases),
// rejects what this binary would silently ignore, then applies the environment overrides.
// getenv is os.Getenv in the program and a map lookup in the tests.
func loadConfig(path string, getenv func(string) string) (config.ServiceConfig, error) {
	cfg, err := config.NewParser().Parse(path)
	if err != nil {
		return cfg, err
	}
	cfg.Normalize()
	if err := checkSupported(cfg); err != nil {
		return cfg, err
	}
	if err := applyEnv(&cfg, getenv); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// checkSupported reports every extra_config namespace, and every feature of the file, that this
// binary does not wire, naming where it is.
func checkSupported(cfg config.ServiceConfig) error {
	var errs []error
	errs = append(errs, checkNamespaces("service", "the service", cfg.ExtraConfig)...)
	for _, e := range cfg.Endpoints {
		where := fmt.Sprintf("endpoint %s %s", e.Method, e.Endpoint)
		errs = append(errs, checkNamespaces("endpoint", where, e.ExtraConfig)...)
		errs = append(errs, checkRateLimit(where, e.ExtraConfig)...)
		for i, b := range e.Backend {
			bwhere := fmt.Sprintf("%s, backend %d (%s)", where, i, b.URLPattern)
			errs = append(errs, checkNamespaces("backend", bwhere, b.ExtraConfig)...)
			if b.SD != "" && b.SD != "static" {
				errs = append(errs, fmt.Errorf("%s: service discovery %q is not supported (only static hosts)", bwhere, b.SD))
			}
		}
	}
	if len(cfg.AsyncAgents) > 0 {
		errs = append(errs, errors.New("async_agent is not supported by this gateway"))
	}
	if cfg.Plugin != nil {
		errs = append(errs, errors.New("plugin is not supported by this gateway"))
	}
	return errors.Join(errs...)
}

func checkNamespaces(level, where string, extra config.ExtraConfig) []error {
	var errs []error
	for _, ns := range sortedKeys(extra) {
		if !contains(supportedNamespaces[level], ns) {
			errs = append(errs, fmt.Errorf("%s: extra_config namespace %q is not supported by this gateway at %s level (supported: %s)",
				where, ns, level, describe(supportedNamespaces[level])))
		}
	}
	return errs
}

// checkRateLimit uses krakend-ratelimit's own parsing. The middleware only logs a malformed
// block or an unknown client strategy and then serves without a limit; we refuse to start.
func checkRateLimit(where string, extra config.ExtraConfig) []error {
	if _, ok := extra[ratelimit.Namespace]; !ok {
		return nil
	}
	rl, err := ratelimit.ConfigGetter(extra)
	if err != nil {
		return []error{fmt.Errorf("%s: %s: %w", where, ratelimit.Namespace, err)}
	}
	if rl.ClientMaxRate > 0 {
		if _, err := ratelimitgin.TokenExtractorFromCfg(rl); err != nil {
			return []error{fmt.Errorf("%s: %s: unknown strategy %q (ip, header or param)", where, ratelimit.Namespace, rl.Strategy)}
		}
	}
	return nil
}

// applyEnv applies GATEWAY_LISTEN_IP, GATEWAY_PORT and GATEWAY_HOST_MAP (see above).
func applyEnv(cfg *config.ServiceConfig, getenv func(string) string) error {
	if ip := getenv(envListenIP); ip != "" {
		if net.ParseIP(ip) == nil {
			return fmt.Errorf("%s=%q is not an IP address", envListenIP, ip)
		}
		cfg.Address = ip
	}
	if p := getenv(envPort); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil || port < 1 || port > 65535 {
			return fmt.Errorf("%s=%q is not a port number", envPort, p)
		}
		cfg.Port = port
	}
	hostMap, err := parseHostMap(getenv(envHostMap))
	if err != nil {
		return err
	}
	return applyHostMap(cfg, hostMap)
}

// parseHostMap reads "FROM=TO,FROM=TO". Both sides are scheme://host:port, nothing else.
func parseHostMap(s string) (map[string]string, error) {
	m := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		from, to, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, fmt.Errorf("%s: %q is not FROM=TO", envHostMap, pair)
		}
		var err error
		if from, err = cleanHost(from); err != nil {
			return nil, fmt.Errorf("%s: %q: %w", envHostMap, pair, err)
		}
		if to, err = cleanHost(to); err != nil {
			return nil, fmt.Errorf("%s: %q: %w", envHostMap, pair, err)
		}
		if _, dup := m[from]; dup {
			return nil, fmt.Errorf("%s: %s is mapped twice", envHostMap, from)
		}
		m[from] = to
	}
	return m, nil
}

func cleanHost(h string) (string, error) {
	h = strings.TrimSuffix(strings.TrimSpace(h), "/")
	u, err := url.Parse(h)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" {
		return "", fmt.Errorf("%q is not a host like http://name:port", h)
	}
	return h, nil
}

// applyHostMap rewrites the hosts of every backend (and the service default). A FROM that no
// backend uses is an error: it is a typo, or the config changed and the map did not.
func applyHostMap(cfg *config.ServiceConfig, m map[string]string) error {
	if len(m) == 0 {
		return nil
	}
	used := map[string]bool{}
	rewrite := func(hosts []string) {
		for i, h := range hosts {
			used[h] = true
			if to, ok := m[h]; ok {
				hosts[i] = to
			}
		}
	}
	rewrite(cfg.Host)
	for _, e := range cfg.Endpoints {
		for _, b := range e.Backend {
			rewrite(b.Host)
		}
	}
	for _, from := range sortedKeys(m) {
		if !used[from] {
			return fmt.Errorf("%s: %s is not a host of this config (hosts: %s)", envHostMap, from, strings.Join(sortedKeys(used), ", "))
		}
	}
	return nil
}

// describe lists namespaces with their short aliases, for error messages.
func describe(namespaces []string) string {
	var out []string
	for _, ns := range namespaces {
		for alias, full := range config.ExtraConfigAlias {
			if full == ns {
				ns += fmt.Sprintf(" (alias %q)", alias)
			}
		}
		out = append(out, ns)
	}
	return strings.Join(out, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
