// Command server serves one of the generated packages in output/ on a
// random loopback port, for the boto3 tests beside it: it prints its URL on
// the first line of stdout and stops when stdin closes, so that it never
// outlives the test that started it.
//
//	server -service chime-sdk-identity|chime [-sigv4 ACCESS_KEY_ID:SECRET]
//
// With -sigv4, the handler verifies AWS Signature Version 4 for region
// us-east-1 and that one key.
//
// CreateAppInstance and DescribeAppInstance keep app instances in memory;
// every other operation answers 501. GET /_calls lists the
// CreateAppInstance inputs the service received, so that a test can see
// what reached it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"

	chimesrv "github.com/smithygen/smithygen/output/chime"
	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

func main() {
	service := flag.String("service", "", "the service to serve: chime-sdk-identity or chime")
	key := flag.String("sigv4", "", "verify SigV4 signatures made with `ACCESS_KEY_ID:SECRET`")
	flag.Parse()
	// The handler logs unmodeled errors and panics; the tests provoke both.
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	s := newStore()
	var h http.Handler
	switch *service {
	case "chime-sdk-identity":
		opts := []idsrv.HandlerOption{idsrv.WithLogger(logger)}
		if *key != "" {
			opts = append(opts, idsrv.WithSigV4("us-east-1", secretFor(*key)))
		}
		h = idsrv.NewHandler(&identity{store: s}, opts...)
	case "chime":
		opts := []chimesrv.HandlerOption{chimesrv.WithLogger(logger)}
		if *key != "" {
			opts = append(opts, chimesrv.WithSigV4("us-east-1", secretFor(*key)))
		}
		h = chimesrv.NewHandler(&legacy{store: s}, opts...)
	default:
		log.Fatalf("-service %q: want chime-sdk-identity or chime", *service)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /_calls", s)
	mux.Handle("/", h)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	log.Fatal(http.Serve(ln, mux))
}

// secretFor knows one access key, given as ACCESS_KEY_ID:SECRET.
func secretFor(key string) func(context.Context, string) (string, bool) {
	id, secret, ok := strings.Cut(key, ":")
	if !ok {
		log.Fatalf("-sigv4 %q: want ACCESS_KEY_ID:SECRET", key)
	}
	return func(_ context.Context, accessKeyID string) (string, bool) {
		return secret, accessKeyID == id
	}
}
