package templates

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// The writer and reader over real connections: a handler that echoes each
// message of the request's stream as soon as it arrives, and a client that
// sends the next message only once the echo of the last is back. That
// only completes when every message is flushed on its own, in both
// directions at once: HTTP/1.1 with full duplex, and HTTP/2 without TLS.
func TestEventStreamEchoOverHTTP(t *testing.T) {
	h := newHandler(nil, nil)
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x := &exchange{h: h, w: w, r: r, op: &operation{name: "Echo"}, ctx: r.Context()}
		sw := newEventStreamWriter(x)
		defer sw.close()
		sw.enableFullDuplex()
		if err := sw.start(); err != nil {
			t.Error(err)
			return
		}
		sr := newEventStreamReader(x)
		defer sr.close()
		for {
			m, err := sr.next(r.Context())
			if err == io.EOF {
				return
			}
			if err != nil {
				sw.fail(r.Context(), err)
				return
			}
			payload := m.payload
			err = sw.writeEvent(r.Context(), "Echo", "text/plain", func(out *eventMessage) error {
				out.payload = append(out.payload, payload...)
				return nil
			})
			if err != nil {
				t.Error(err)
				return
			}
		}
	})
	for _, proto := range []string{"HTTP/1.1", "h2c"} {
		t.Run(proto, func(t *testing.T) {
			srv := httptest.NewUnstartedServer(echo)
			client := &http.Client{Timeout: 30 * time.Second}
			if proto == "h2c" {
				var p http.Protocols
				p.SetUnencryptedHTTP2(true)
				srv.Config.Protocols = &p
				client.Transport = &http.Transport{Protocols: &p}
			}
			srv.Start()
			defer srv.Close()
			pr, pw := io.Pipe()
			req, err := http.NewRequestWithContext(context.Background(), "POST", srv.URL, pr)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", eventStreamMediaType)
			// The first message goes before the response can start.
			go pw.Write(testEvent(t, 0))
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.ProtoMajor != map[string]int{"HTTP/1.1": 1, "h2c": 2}[proto] {
				t.Errorf("spoke %s", resp.Proto)
			}
			if ct := resp.Header.Get("Content-Type"); ct != eventStreamMediaType {
				t.Errorf("Content-Type %q", ct)
			}
			reader := &eventStreamReader{body: resp.Body, limit: 1 << 20, buf: getEventBuffer()}
			const n = 20
			for i := range n {
				m, err := reader.next(context.Background())
				if err != nil {
					t.Fatalf("echo %d: %v", i, err)
				}
				if got := string(m.payload); got != strconv.Itoa(i) || m.headerString(":event-type") != "Echo" {
					t.Fatalf("echo %d: %q", i, got)
				}
				if i+1 < n {
					if _, err := pw.Write(testEvent(t, i+1)); err != nil {
						t.Fatal(err)
					}
				}
			}
			pw.Close()
			if _, err := reader.next(context.Background()); err != io.EOF {
				t.Errorf("after the last echo: %v", err)
			}
		})
	}
}

// A read that waits on a client who sends nothing ends with the caller's
// context, over either protocol.
func TestEventStreamReaderContextOverHTTP(t *testing.T) {
	h := newHandler(nil, nil)
	errs := make(chan error, 1)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x := &exchange{h: h, w: w, r: r, op: &operation{name: "Wait"}, ctx: r.Context()}
		sw := newEventStreamWriter(x)
		defer sw.close()
		sw.enableFullDuplex()
		sw.start()
		sr := newEventStreamReader(x)
		defer sr.close()
		ctx, cancel := context.WithTimeout(r.Context(), 20*time.Millisecond)
		defer cancel()
		_, err := sr.next(ctx)
		errs <- err
	})
	for _, proto := range []string{"HTTP/1.1", "h2c"} {
		t.Run(proto, func(t *testing.T) {
			srv := httptest.NewUnstartedServer(handler)
			client := &http.Client{Timeout: 30 * time.Second}
			if proto == "h2c" {
				var p http.Protocols
				p.SetUnencryptedHTTP2(true)
				srv.Config.Protocols = &p
				client.Transport = &http.Transport{Protocols: &p}
			}
			srv.Start()
			defer srv.Close()
			pr, pw := io.Pipe()
			defer pw.Close()
			req, _ := http.NewRequest("POST", srv.URL, pr)
			go pw.Write(testEvent(t, 0)[:5]) // a message begun, never finished
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if err := <-errs; !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error %v, want the context's", err)
			}
		})
	}
}
