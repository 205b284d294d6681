// Command krakend is the Store Manager API gateway: KrakenD CE's own components (lura v2.12.1
// and krakend-ratelimit v3.3.0, the versions KrakenD CE v2.12.0 ships) wired like CE's executor,
// limited to what krakend.json uses. The official CE binary cannot be downloaded on our build
// machines; this small program can be built from the Go module proxy alone. See README.md.
//
//	krakend run -c krakend.json [-d]     serve (-d: lura's debug mode, /__debug endpoint)
//	krakend check -c krakend.json [-t]   validate the file (-t: also build every route)
//	krakend version
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/luraproject/lura/v2/core"
	"github.com/luraproject/lura/v2/logging"
)

func main() {
	os.Exit(cli(os.Args[1:], os.Stdout, os.Stderr))
}

// cli runs one subcommand and returns the exit code (a function, so that the tests can call it).
func cli(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: krakend run|check -c FILE [-t] [-d] | krakend version")
		return 2
	}
	fs := flag.NewFlagSet("krakend "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("c", "/etc/krakend/krakend.json", "path to the configuration file")
	testRoutes := fs.Bool("t", false, "check: also build the proxies and mount the routes (finds route clashes)")
	debug := fs.Bool("d", false, "enable lura's debug mode (debug log level, /__debug endpoint)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}

	switch args[0] {
	case "version":
		fmt.Fprintln(stdout, "KrakenD Version:", core.KrakendVersion)
		return 0
	case "check":
		fmt.Fprintln(stdout, "Parsing configuration file:", *file)
		cfg, err := loadConfig(*file, os.Getenv)
		if err == nil && *testRoutes {
			err = checkRoutes(cfg, logging.NoOp)
		}
		if err != nil {
			fmt.Fprintln(stderr, "ERROR checking the configuration file:", err)
			return 1
		}
		fmt.Fprintln(stdout, "Syntax OK!")
		return 0
	case "run":
		level := "INFO"
		if *debug {
			level = "DEBUG"
		}
		logger, _ := logging.NewLogger(level, stdout, "[KRAKEND]")
		cfg, err := loadConfig(*file, os.Getenv)
		if err != nil {
			fmt.Fprintln(stderr, "ERROR parsing the configuration file:", err)
			return 1
		}
		cfg.Debug = cfg.Debug || *debug
		logger.Info(fmt.Sprintf("Starting KrakenD v%s (Store Manager gateway) on %s:%d", core.KrakendVersion, cfg.Address, cfg.Port))
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := runGateway(ctx, cfg, logger, stdout); err != nil {
			fmt.Fprintln(stderr, "ERROR:", err)
			return 1
		}
		return 0
	default:
		fmt.Fprintf(stderr, "unknown command %q (run, check, version)\n", args[0])
		return 2
	}
}
