//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"context"
	"io"
	"iter"
)

// Serving event streams: what the generated UWriter and UReader types of
// every streamed union share.

// allEvents iterates over the events recv returns, up to io.EOF or the
// first other error, which it yields.
func allEvents[E any](ctx context.Context, recv func(context.Context) (E, error)) iter.Seq2[E, error] {
	return func(yield func(E, error) bool) {
		for {
			e, err := recv(ctx)
			if err == io.EOF {
				return
			}
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}
