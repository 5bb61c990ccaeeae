//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"fmt"
	"strings"
	"time"
)

// redactedText replaces @sensitive values wherever a value is printed.
const redactedText = "*** Sensitive Data Redacted ***"

// redactor builds the String of a type that holds sensitive values: like
// %+v, {Name:value ...}, with only the members that are set, and scalar
// pointers shown as their values.
type redactor struct {
	b strings.Builder
	n int
}

func (r *redactor) name(name string) {
	if r.n == 0 {
		r.b.WriteByte('{')
	} else {
		r.b.WriteByte(' ')
	}
	r.n++
	r.b.WriteString(name)
	r.b.WriteByte(':')
}

// redacted writes a sensitive member.
func (r *redactor) redacted(name string) {
	r.name(name)
	r.b.WriteString(redactedText)
}

// field writes a member that is not sensitive itself; if it holds sensitive
// values, its own String redacts them.
func (r *redactor) field(name string, v any) {
	r.name(name)
	fmt.Fprint(&r.b, deref(v))
}

// String finishes the text.
func (r *redactor) String() string {
	if r.n == 0 {
		return "{}"
	}
	r.b.WriteByte('}')
	return r.b.String()
}

// deref shows a scalar pointer as its value, as people expect in a log.
func deref(v any) any {
	switch p := v.(type) {
	case *string:
		return *p
	case *bool:
		return *p
	case *int8:
		return *p
	case *int16:
		return *p
	case *int32:
		return *p
	case *int64:
		return *p
	case *float32:
		return *p
	case *float64:
		return *p
	case *time.Time:
		return *p
	}
	return v
}

// streamText stands for a streamed payload wherever a value is printed:
// printing must not read it.
const streamText = "<stream>"

// stream writes a member that is a stream, without touching it.
func (r *redactor) stream(name string) {
	r.name(name)
	r.b.WriteString(streamText)
}
