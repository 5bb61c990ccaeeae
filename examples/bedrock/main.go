// Command bedrock serves a local stand-in for Amazon Bedrock Runtime that
// answers each prompt with the prompt itself, streamed word by word by
// ConverseStream (see package standin). Point an AWS SDK's Bedrock Runtime
// client at it:
//
//	go run ./examples/bedrock -addr 127.0.0.1:8080
//
// It speaks HTTP/1.1 and unencrypted HTTP/2, and stops gracefully on
// SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/smithygen/smithygen/examples/bedrock/standin"
	bedrock "github.com/smithygen/smithygen/output/bedrockruntime"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "`address` to listen on")
	flag.Parse()
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	srv := &http.Server{
		Addr:              *addr,
		Handler:           bedrock.NewHandler(standin.Service{}, bedrock.WithLogger(logger)),
		Protocols:         new(http.Protocols),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
		// No ReadTimeout or WriteTimeout: a stream lasts as long as the
		// answer does.
	}
	srv.Protocols.SetHTTP1(true)
	srv.Protocols.SetUnencryptedHTTP2(true)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	logger.Info("serving", "addr", *addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "bedrock:", err)
		os.Exit(1)
	}
}
