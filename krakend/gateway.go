package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	ratelimitgin "github.com/krakend/krakend-ratelimit/v3/router/gin"
	"github.com/luraproject/lura/v2/config"
	"github.com/luraproject/lura/v2/logging"
	"github.com/luraproject/lura/v2/proxy"
	krakendgin "github.com/luraproject/lura/v2/router/gin"
	"github.com/luraproject/lura/v2/transport/http/server"
)

// newRouter composes the gateway the way KrakenD CE's executor does, with only the parts we use:
// lura's gin engine (access log, recovery, /__health), the rate-limit middleware around lura's
// endpoint handler, lura's default proxy (HTTP backends, per-backend timeout, no-op encoding)
// and lura's HTTP server. accessLog receives gin's access log lines.
func newRouter(ctx context.Context, cfg config.ServiceConfig, logger logging.Logger, accessLog io.Writer,
	proxyFactory proxy.Factory, runServer krakendgin.RunServerFunc) func(config.ServiceConfig) {
	engine := krakendgin.NewEngine(cfg, krakendgin.EngineOptions{Logger: logger, Writer: accessLog})
	handlers := ratelimitgin.NewRateLimiterMw(logger,
		krakendgin.CustomErrorEndpointHandler(logger, server.DefaultToHTTPError))
	factory := krakendgin.NewFactory(krakendgin.Config{
		Engine:         engine,
		Middlewares:    nil,
		HandlerFactory: handlers,
		ProxyFactory:   proxyFactory,
		Logger:         logger,
		RunServer:      runServer,
	})
	return factory.NewWithContext(ctx).Run
}

// runGateway serves until ctx is cancelled (then shuts down gracefully) or the server fails
// (e.g. the port is taken). lura's router only logs that failure; we return it so that the
// process exits non-zero. Every error answer leaves with a JSON body (jsonErrors, errors.go).
func runGateway(ctx context.Context, cfg config.ServiceConfig, logger logging.Logger, accessLog io.Writer) error {
	var serveErr error
	runServer := func(ctx context.Context, cfg config.ServiceConfig, h http.Handler) error {
		serveErr = server.RunServerWithLoggerFactory(logger)(ctx, cfg, jsonErrors(h))
		return serveErr
	}
	newRouter(ctx, cfg, logger, accessLog, proxy.DefaultFactory(logger), runServer)(cfg)
	if ctx.Err() != nil {
		return nil // asked to stop
	}
	if serveErr == nil || errors.Is(serveErr, http.ErrServerClosed) {
		return errors.New("the server stopped unexpectedly")
	}
	return serveErr
}

// checkRoutes is `check -t`: it builds every proxy and mounts every route in a gin engine without
// listening. lura only logs a proxy that fails to build (and serves 500 there) and gin panics on
// a route clash; both become errors here.
func checkRoutes(cfg config.ServiceConfig, logger logging.Logger) (err error) {
	var mu sync.Mutex
	var errs []error
	recording := proxy.FactoryFunc(func(e *config.EndpointConfig) (proxy.Proxy, error) {
		p, err := proxy.DefaultFactory(logger).New(e)
		if err != nil {
			mu.Lock()
			errs = append(errs, fmt.Errorf("endpoint %s %s: %w", e.Method, e.Endpoint, err))
			mu.Unlock()
		}
		return p, err
	})
	noServer := func(context.Context, config.ServiceConfig, http.Handler) error { return nil }
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("route clash: %v", r)
		}
	}()
	newRouter(context.Background(), cfg, logger, io.Discard, recording, noServer)(cfg)
	return errors.Join(errs...)
}
