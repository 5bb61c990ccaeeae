package identity

import (
	"context"
	"encoding/json"
	"sort"
	"sync"
	"time"

	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// Metrics counts the calls of each operation, its errors and its latency.
// It is an expvar.Var: published, it shows at /debug/vars as
//
//	{"CreateAppInstance": {"calls": 3, "errors": 1, "latency_ms_total": 0.41, "latency_ms_max": 0.2}, ...}
type Metrics struct {
	mu  sync.Mutex
	ops map[string]*opStats
}

type opStats struct {
	Calls   int64   `json:"calls"`
	Errors  int64   `json:"errors"`
	TotalMS float64 `json:"latency_ms_total"`
	MaxMS   float64 `json:"latency_ms_max"`
}

// Middleware records every call of an operation: what the handler's
// WithMiddleware option takes.
func (m *Metrics) Middleware(next idsrv.Invoker) idsrv.Invoker {
	return func(ctx context.Context, inv *idsrv.Invocation) (any, error) {
		start := time.Now()
		out, err := next(ctx, inv)
		m.Record(inv.Operation, time.Since(start), err != nil)
		return out, err
	}
}

// Record adds one call of the operation that took d.
func (m *Metrics) Record(op string, d time.Duration, failed bool) {
	ms := float64(d) / float64(time.Millisecond)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ops == nil {
		m.ops = map[string]*opStats{}
	}
	s := m.ops[op]
	if s == nil {
		s = &opStats{}
		m.ops[op] = s
	}
	s.Calls++
	if failed {
		s.Errors++
	}
	s.TotalMS += ms
	s.MaxMS = max(s.MaxMS, ms)
}

// Calls returns how many calls of the operation were recorded.
func (m *Metrics) Calls(op string) int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s := m.ops[op]; s != nil {
		return s.Calls
	}
	return 0
}

// String returns the figures as a JSON object, operations sorted by name.
func (m *Metrics) String() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.ops))
	for name := range m.ops {
		names = append(names, name)
	}
	sort.Strings(names)
	b := []byte{'{'}
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(name)
		v, _ := json.Marshal(m.ops[name])
		b = append(append(append(b, k...), ':'), v...)
	}
	return string(append(b, '}'))
}
