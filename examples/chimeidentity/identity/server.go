package identity

import (
	"context"
	"expvar"
	"log/slog"
	"net/http"
	"time"

	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// Config is what NewServer needs.
type Config struct {
	// Region and Account go into ARNs; Region is also the region SigV4
	// signatures must be scoped to.
	Region, Account string
	// Keys maps access key IDs to secret access keys. With none, requests
	// are not authenticated.
	Keys map[string]string
	// Logger receives the handler's log lines, each with its request ID.
	Logger *slog.Logger
}

// Server is the service with its HTTP surroundings: the API, a health
// check and the metrics.
type Server struct {
	Store   *Store
	Metrics *Metrics
	handler http.Handler
}

// NewServer returns the service as cfg describes it.
func NewServer(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{Store: NewStore(cfg.Region, cfg.Account), Metrics: &Metrics{}}
	opts := []idsrv.HandlerOption{
		idsrv.WithLogger(cfg.Logger),
		idsrv.WithMiddleware(s.Metrics.Middleware, accessLog(cfg.Logger)),
	}
	if len(cfg.Keys) > 0 {
		opts = append(opts, idsrv.WithSigV4(cfg.Region, func(_ context.Context, id string) (string, bool) {
			secret, ok := cfg.Keys[id]
			return secret, ok
		}))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /debug/vars", expvar.Handler())
	mux.Handle("/", idsrv.NewHandler(s.Store, opts...))
	s.handler = mux
	return s
}

// ServeHTTP serves the API, GET /healthz and GET /debug/vars (expvar: the
// process's variables, the operation metrics among them once published).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// accessLog logs each call: operation, outcome, duration, the caller's
// access key when requests are signed, and the request ID that the
// response carries in X-Amzn-RequestId.
func accessLog(l *slog.Logger) idsrv.Middleware {
	return func(next idsrv.Invoker) idsrv.Invoker {
		return func(ctx context.Context, inv *idsrv.Invocation) (any, error) {
			start := time.Now()
			out, err := next(ctx, inv)
			attrs := []slog.Attr{
				slog.String("request_id", idsrv.RequestIDFromContext(ctx)),
				slog.String("operation", inv.Operation),
				slog.Duration("duration", time.Since(start)),
			}
			if key, ok := idsrv.AccessKeyIDFromContext(ctx); ok {
				attrs = append(attrs, slog.String("access_key_id", key))
			}
			if err != nil {
				attrs = append(attrs, slog.String("error", err.Error()))
			}
			l.LogAttrs(ctx, slog.LevelInfo, "call", attrs...)
			return out, err
		}
	}
}
