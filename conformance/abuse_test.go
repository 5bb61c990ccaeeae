package conformance

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	identity "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// Abuse: requests that are cheap to send and were expensive to serve, or
// made the server say more than it should. Each test asserts a figure
// (response size, heap growth) against a generous bound, never a time.
// Servers listen on loopback only; every loop is bounded.

// A 1 MB body of bad list entries gets a 400 of a few KiB that lists 50
// violations and counts them all.
func TestAbuseManyViolations(t *testing.T) {
	const n = 340000
	h := identity.NewHandler(&identityFake{}, identity.WithLogger(slog.New(slog.DiscardHandler)))
	for _, tt := range []struct {
		name, uri, body string
		total           int
	}{
		{"empty tags", "/app-instances",
			`{"Name":"n","ClientRequestToken":"tok","Tags":[` + many("{}", ",", n) + `]}`,
			1 + 2*n}, // the list's length, and Key and Value of each tag
		{"empty tag keys", "/tags?operation=untag-resource",
			`{"ResourceARN":"` + appInstanceArn + `","TagKeys":[` + many(`""`, ",", n) + `]}`,
			1 + n},
	} {
		if len(tt.body) > 1<<20 {
			t.Fatalf("%s: body of %d bytes, over the limit", tt.name, len(tt.body))
		}
		resp := serve(t, h, idJSON("POST", tt.uri, tt.body))
		if resp.status != 400 || len(resp.body) > 16<<10 {
			t.Errorf("%s: answered %d with %d bytes, want 400 under 16 KiB", tt.name, resp.status, len(resp.body))
			continue
		}
		msg := decodeError(t, resp).message()
		if want := strconv.Itoa(tt.total) + " validation errors detected. "; !strings.HasPrefix(msg, want) {
			t.Errorf("%s: message starts %.60q, want %q", tt.name, msg, want)
		}
		if listed := strings.Count(msg, "failed to satisfy constraint"); listed != 50 {
			t.Errorf("%s: %d violations listed, want 50", tt.name, listed)
		}
	}
}

// rawConn is a client connection to a loopback server that writes bytes as
// it is told.
func rawConn(t *testing.T, addr string) *net.TCPConn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(requestTimeout))
	return c.(*net.TCPConn)
}

// announce writes a CreateAppInstance request's headers with the
// Content-Length given and the first bytes of its body.
func announce(t *testing.T, c net.Conn, length int, first string) {
	t.Helper()
	head := "POST /app-instances HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(length) + "\r\n\r\n"
	if _, err := io.WriteString(c, head+first); err != nil {
		t.Fatal(err)
	}
}

// Clients that announce 1 MiB bodies and send one byte cost the server
// little memory: the body buffer grows with what arrives.
func TestAbuseStalledAnnouncements(t *testing.T) {
	const conns = 50
	var started atomic.Int64
	h := identity.NewHandler(&identityFake{}, identity.WithLogger(slog.New(slog.DiscardHandler)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started.Add(1)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close) // after the connections' cleanups, which end the handlers
	addr := srv.Listener.Addr().String()

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range conns {
		announce(t, rawConn(t, addr), 1<<20, "{")
	}
	// Every handler is waiting for the rest of its body once it has
	// started and had a moment to reach the read.
	for i := 0; started.Load() < conns && i < 500; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if started.Load() < conns {
		t.Fatalf("only %d of %d requests reached the handler", started.Load(), conns)
	}
	time.Sleep(200 * time.Millisecond)
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 8<<20 {
		t.Errorf("%d stalled 1 MiB announcements hold %d KiB of heap, want under 8 MiB", conns, grew>>10)
	}
}

// readResponse reads one response from c.
func readResponse(t *testing.T, c net.Conn) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no response: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// A body that stops arriving, or ends early, is answered without a word
// of the Go error behind it: no address, no "i/o timeout".
func TestAbuseUnreadableBodySaysNothingInternal(t *testing.T) {
	h := identity.NewHandler(&identityFake{}, identity.WithLogger(slog.New(slog.DiscardHandler)))
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ReadTimeout = 300 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()

	for _, tt := range []struct {
		name   string
		cut    bool // half-close the connection instead of stalling
		status int
	}{
		{"read timeout", false, http.StatusRequestTimeout},
		{"cut short", true, http.StatusBadRequest},
	} {
		c := rawConn(t, addr)
		announce(t, c, 100, `{"Name":`)
		if tt.cut {
			_ = c.CloseWrite()
		}
		resp, body := readResponse(t, c)
		if resp.StatusCode != tt.status || resp.Header.Get("X-Amzn-RequestId") == "" {
			t.Errorf("%s: answered %d (request ID %q), want %d", tt.name, resp.StatusCode, resp.Header.Get("X-Amzn-RequestId"), tt.status)
		}
		for _, internal := range []string{"127.0.0.1", "tcp", "timeout", "EOF", ".go"} {
			if strings.Contains(body, internal) {
				t.Errorf("%s: the response says %q: %s", tt.name, internal, body)
			}
		}
	}
}

// Values that hold @sensitive members log redacted through slog's JSON and
// text handlers, as they print.
func TestAbuseSensitiveValuesInLogs(t *testing.T) {
	in := &identity.CreateAppInstanceInput{
		Name:               ptr(secret),
		Metadata:           ptr(secret),
		ClientRequestToken: ptr("tok"),
		Tags:               []identity.Tag{{Key: ptr(secret), Value: ptr(secret)}},
	}
	var b strings.Builder
	for _, log := range []*slog.Logger{slog.New(slog.NewJSONHandler(&b, nil)), slog.New(slog.NewTextHandler(&b, nil))} {
		log.Info("x", "input", in, "tag", in.Tags[0], slog.Group("g", "input", *in))
	}
	if strings.Contains(b.String(), secret) || !strings.Contains(b.String(), redactedMarker) {
		t.Errorf("the logs show the sensitive value, or no redaction:\n%s", b.String())
	}
}
