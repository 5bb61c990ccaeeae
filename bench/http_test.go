package bench

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	identity "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// BenchmarkHTTPLoopback sends the seed CreateAppInstance request over
// loopback to the generated handler.
func BenchmarkHTTPLoopback(b *testing.B) {
	loopback(b, identity.NewHandler(noopIdentity{}))
}

// BenchmarkHTTPLoopbackBaseline is the same client and request against a
// bare handler that answers a constant 201 body: what HTTP itself costs.
func BenchmarkHTTPLoopbackBaseline(b *testing.B) {
	body := []byte(`{"AppInstanceArn":"arn:aws:chime:us-east-1:123456789012:app-instance/abc"}`)
	loopback(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write(body)
	}))
}

func loopback(b *testing.B, h http.Handler) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := srv.Client()
	url := srv.URL + "/app-instances"
	send := func() {
		req, _ := http.NewRequest("POST", url, strings.NewReader(seedBody))
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	send()
	settle()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		send()
	}
}
