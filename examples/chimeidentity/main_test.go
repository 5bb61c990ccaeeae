package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is the command's stderr: its log.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// start runs the command with args until the test ends and returns its
// base URL and its log.
func start(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	log := &syncBuffer{}
	go func() { done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), log, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("run: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return "http://" + addr, log
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

const seedBody = `{"Name":"my-instance","Metadata":"{\"team\":\"blue\"}","ClientRequestToken":"token-0123456789","Tags":[{"Key":"env","Value":"prod"}]}`

func create(t *testing.T, base string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(base+"/app-instances", "application/json", strings.NewReader(seedBody))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestServe(t *testing.T) {
	base, log := start(t)
	if code, body := get(t, base+"/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	resp, body := create(t, base)
	var out struct{ AppInstanceArn string }
	if err := json.Unmarshal([]byte(body), &out); resp.StatusCode != http.StatusCreated || err != nil || !strings.HasPrefix(out.AppInstanceArn, "arn:aws:chime:us-east-1:123456789012:app-instance/") {
		t.Fatalf("CreateAppInstance: %d %s", resp.StatusCode, body)
	}
	if resp, again := create(t, base); resp.StatusCode != http.StatusCreated || again != body {
		t.Errorf("CreateAppInstance again: %d %s, want %s", resp.StatusCode, again, body)
	}
	code, vars := get(t, base+"/debug/vars")
	var v struct {
		Chimeidentity struct {
			Operations map[string]struct{ Calls int64 }
		}
	}
	if err := json.Unmarshal([]byte(vars), &v); code != http.StatusOK || err != nil {
		t.Fatalf("/debug/vars: %d %v %s", code, err, vars)
	}
	if n := v.Chimeidentity.Operations["CreateAppInstance"].Calls; n != 2 {
		t.Errorf("/debug/vars counts %d calls of CreateAppInstance, want 2: %s", n, vars)
	}
	// The call's log line carries the request ID the response did.
	id := resp.Header.Get("X-Amzn-RequestId")
	if id == "" || !strings.Contains(log.String(), `"request_id":"`+id+`","operation":"CreateAppInstance"`) {
		t.Errorf("no log line of request %q:\n%s", id, log)
	}
}

func TestServeSigV4(t *testing.T) {
	base, _ := start(t, "-sigv4", "AKIDEXAMPLE:SECRET")
	resp, body := create(t, base)
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("X-Amzn-ErrorType") != "MissingAuthenticationTokenException" {
		t.Errorf("unsigned CreateAppInstance: %d %s", resp.StatusCode, body)
	}
	if code, _ := get(t, base+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz needs no signature, got %d", code)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-sigv4", "nocolon"}, {"-nosuchflag"}} {
		if err := run(context.Background(), args, io.Discard, nil); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
