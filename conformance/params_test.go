package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// goTypes turns a protocol test's params, a JSON value keyed by member
// names, into a value of a generated Go type. Reflection is fine here: it
// is the test, not the generated code.
type goTypes struct {
	unions map[reflect.Type][]reflect.Type // interface -> member structs
	errors map[string]reflect.Type         // error type name -> struct
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	bigIntType   = reflect.TypeFor[*big.Int]()
	bigFloatType = reflect.TypeFor[*big.Float]()
	bytesType    = reflect.TypeFor[[]byte]()
	readerType   = reflect.TypeFor[io.Reader]()
	streamType   = reflect.TypeFor[io.ReadCloser]()
)

// blobStream is a streamed payload of a test: its bytes, read once.
type blobStream struct {
	*strings.Reader
	data string
}

func newBlobStream(data string) *blobStream {
	return &blobStream{strings.NewReader(data), data}
}

func (*blobStream) Close() error { return nil }

// streamData is what a streamed payload of a test holds: nothing for nil
// and an empty stream alike, which params cannot tell apart.
func streamData(r io.Reader) string {
	if b, ok := r.(*blobStream); ok {
		return b.data
	}
	return ""
}

// readStreams reads the streamed payload of a recorded input while the
// operation runs, before the handler closes it, and keeps its bytes.
func readStreams(input any) error {
	v := reflect.ValueOf(input)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	s := v.Elem()
	for i := 0; i < s.NumField(); i++ {
		f := s.Field(i)
		if f.Type() != streamType || f.IsNil() {
			continue
		}
		data, err := io.ReadAll(f.Interface().(io.Reader))
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(newBlobStream(string(data))))
	}
	return nil
}

// newError builds the error named by a response test's shape.
func (g goTypes) newError(shape string, params json.RawMessage) error {
	for name, typ := range g.errors {
		if fold(name) == fold(shape) {
			v := reflect.New(typ)
			if err := g.fill(v.Elem(), params); err != nil {
				return fmt.Errorf("params of %s: %w", shape, err)
			}
			return v.Interface().(error)
		}
	}
	return fmt.Errorf("no Go error type for %s", shape)
}

// fill sets dst from the JSON value raw.
func (g goTypes) fill(dst reflect.Value, raw json.RawMessage) error {
	if len(raw) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return err
	}
	return g.set(dst, v)
}

// fold is a name compared loosely: member names and Go field names differ
// in case and punctuation only.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

func (g goTypes) set(dst reflect.Value, v any) error {
	t := dst.Type()
	if v == nil {
		dst.Set(reflect.Zero(t))
		return nil
	}
	switch t {
	case timeType:
		if s, ok := v.(string); ok { // as event-stream tests write them
			ts, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return err
			}
			dst.Set(reflect.ValueOf(ts))
			return nil
		}
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("timestamp %v is neither epoch seconds nor a date-time", v)
		}
		f, err := n.Float64()
		if err != nil {
			return err
		}
		sec, frac := math.Modf(f)
		dst.Set(reflect.ValueOf(time.Unix(int64(sec), int64(math.Round(frac*1e3))*1e6).UTC()))
		return nil
	case bigIntType:
		b, ok := new(big.Int).SetString(fmt.Sprint(v), 10)
		if !ok {
			return fmt.Errorf("big integer %v", v)
		}
		dst.Set(reflect.ValueOf(b))
		return nil
	case bigFloatType:
		b, _, err := big.ParseFloat(fmt.Sprint(v), 10, 0, big.ToNearestEven)
		if err != nil {
			return err
		}
		dst.Set(reflect.ValueOf(b))
		return nil
	case readerType, streamType:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("blob %v is not a string", v)
		}
		dst.Set(reflect.ValueOf(newBlobStream(s)))
		return nil
	case bytesType:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("blob %v is not a string", v)
		}
		dst.SetBytes([]byte(s))
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := g.set(p.Elem(), v); err != nil {
			return err
		}
		dst.Set(p)
	case reflect.Interface:
		if t.NumMethod() == 0 { // a document
			dst.Set(reflect.ValueOf(plainJSON(v)))
			return nil
		}
		return g.setUnion(dst, v)
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%v is not a string", v)
		}
		dst.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("%v is not a boolean", v)
		}
		dst.SetBool(b)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%v is not a number", v)
		}
		i, err := n.Int64()
		if err != nil {
			return err
		}
		dst.SetInt(i)
	case reflect.Float32, reflect.Float64:
		f, err := floatParam(v)
		if err != nil {
			return err
		}
		dst.SetFloat(f)
	case reflect.Slice:
		a, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%v is not a list", v)
		}
		s := reflect.MakeSlice(t, len(a), len(a))
		for i, e := range a {
			if err := g.set(s.Index(i), e); err != nil {
				return fmt.Errorf("[%d]: %w", i, err)
			}
		}
		dst.Set(s)
	case reflect.Map:
		o, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%v is not a map", v)
		}
		m := reflect.MakeMapWithSize(t, len(o))
		for k, e := range o {
			ev := reflect.New(t.Elem()).Elem()
			if err := g.set(ev, e); err != nil {
				return fmt.Errorf("[%q]: %w", k, err)
			}
			kv := reflect.New(t.Key()).Elem()
			kv.SetString(k)
			m.SetMapIndex(kv, ev)
		}
		dst.Set(m)
	case reflect.Struct:
		o, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%v is not a structure", v)
		}
		for k, e := range o {
			f, ok := structField(dst, k)
			if !ok {
				return fmt.Errorf("%s has no field for %q", t, k)
			}
			if err := g.set(f, e); err != nil {
				return fmt.Errorf(".%s: %w", k, err)
			}
		}
	default:
		return fmt.Errorf("cannot set a %s", t)
	}
	return nil
}

// floatParam reads a float param, which may be "NaN", "Infinity" or
// "-Infinity".
func floatParam(v any) (float64, error) {
	switch v := v.(type) {
	case json.Number:
		return v.Float64()
	case string:
		switch v {
		case "NaN":
			return math.NaN(), nil
		case "Infinity":
			return math.Inf(1), nil
		case "-Infinity":
			return math.Inf(-1), nil
		}
	}
	return 0, fmt.Errorf("%v is not a number", v)
}

func structField(s reflect.Value, member string) (reflect.Value, bool) {
	for i := 0; i < s.NumField(); i++ {
		if f := s.Type().Field(i); f.IsExported() && fold(f.Name) == fold(member) {
			return s.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// setUnion sets a union interface from {"member": value}.
func (g goTypes) setUnion(dst reflect.Value, v any) error {
	o, ok := v.(map[string]any)
	if !ok || len(o) != 1 {
		return fmt.Errorf("union %v does not have exactly one member", v)
	}
	prefix := fold(dst.Type().Name() + "Member")
	for k, e := range o {
		for _, mt := range g.unions[dst.Type()] {
			if fold(mt.Name()) != prefix+fold(k) {
				continue
			}
			m := reflect.New(mt)
			if mt.NumField() > 0 {
				if err := g.set(m.Elem().Field(0), e); err != nil {
					return fmt.Errorf("%s: %w", k, err)
				}
			}
			dst.Set(m)
			return nil
		}
		return fmt.Errorf("%s has no member %q", dst.Type(), k)
	}
	return nil
}

// plainJSON turns json.Number back into float64, as documents are decoded.
func plainJSON(v any) any {
	switch v := v.(type) {
	case json.Number:
		f, _ := v.Float64()
		return f
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plainJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = plainJSON(e)
		}
		return out
	}
	return v
}

// diffValues compares what a test expects with what the server produced.
func diffValues(want, got any) string {
	return cmp.Diff(want, got,
		cmpopts.EquateNaNs(),
		cmp.Comparer(func(a, b *big.Int) bool { return a == nil && b == nil || a != nil && b != nil && a.Cmp(b) == 0 }),
		cmp.Comparer(func(a, b *big.Float) bool { return a == nil && b == nil || a != nil && b != nil && a.Cmp(b) == 0 }),
		cmp.Comparer(func(a, b io.ReadCloser) bool { return streamData(a) == streamData(b) }),
	)
}
