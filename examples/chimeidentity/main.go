// Command chimeidentity serves an in-memory Amazon Chime SDK Identity API,
// built on the package smithygen generates from the Chime SDK Identity
// model (output/chimesdkidentity). AWS clients talk to it as to the real
// service:
//
//	go run ./examples/chimeidentity -addr 127.0.0.1:8080 -sigv4 AKIDEXAMPLE:SECRET
//
// Besides the API it serves GET /healthz and GET /debug/vars (expvar, with
// per-operation counts and latencies under chimeidentity.operations). It
// logs as JSON to stderr, each line of a request with its request ID, and
// stops gracefully on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"expvar"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/smithygen/smithygen/examples/chimeidentity/identity"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "chimeidentity:", err)
		os.Exit(2)
	}
}

// run serves until ctx is done, then shuts down gracefully. ready, when
// not nil, receives the address the server listens on.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- string) error {
	fs := flag.NewFlagSet("chimeidentity", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on")
	sigv4 := fs.String("sigv4", "", "verify AWS SigV4 signatures made with this `KEY:SECRET` (default: no authentication)")
	region := fs.String("region", "us-east-1", "AWS `region` of the ARNs and of SigV4 signatures")
	account := fs.String("account", "123456789012", "AWS `account` ID of the ARNs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := identity.Config{Region: *region, Account: *account, Logger: slog.New(slog.NewJSONHandler(stderr, nil))}
	if *sigv4 != "" {
		key, secret, ok := strings.Cut(*sigv4, ":")
		if !ok || key == "" || secret == "" {
			return errors.New("-sigv4 wants KEY:SECRET")
		}
		cfg.Keys = map[string]string{key: secret}
	}
	srv := identity.NewServer(cfg)
	publishMetrics(srv.Metrics)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	cfg.Logger.Info("serving", "addr", ln.Addr().String(), "sigv4", cfg.Keys != nil)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	cfg.Logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// current is the Metrics that /debug/vars shows as "operations": expvar
// names can be published once per process, the server may run more often
// (in tests).
var current = expvar.NewMap("chimeidentity")

func publishMetrics(m *identity.Metrics) {
	current.Set("operations", m)
}
