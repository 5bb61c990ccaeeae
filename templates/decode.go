//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"strconv"
	"time"
)

// Helpers the generated decoders call for each member, so that a member
// decodes in one line. In JSON bodies, null is the same as absent.

// decodePtr reads a scalar into a pointer member.
func decodePtr[T any](r *jsonReader, dst **T, read func(*jsonReader) (T, error)) error {
	if r.readNull() {
		*dst = nil
		return nil
	}
	v, err := read(r)
	if err != nil {
		return err
	}
	*dst = &v
	return nil
}

// decodeStringPtr is decodePtr for strings, the most common members: the
// pointers come from a block per request rather than one allocation each.
func decodeStringPtr(r *jsonReader, dst **string) error {
	if r.skipSpace() == 'n' && r.readNull() {
		*dst = nil
		return nil
	}
	s, err := r.readString()
	if err != nil {
		return err
	}
	*dst = r.newString(s)
	return nil
}

// appendStruct decodes a structure element of a dense list in place at the
// end of the list, rather than in a copy that would escape.
func appendStruct[T any](r *jsonReader, v *[]T, decode func(*jsonReader, *T) error) error {
	if r.readNull() {
		return r.nullElement()
	}
	var zero T
	*v = append(*v, zero)
	return decode(r, &(*v)[len(*v)-1])
}

// decodeValue reads a value member: enums, blobs, documents, and members
// with a default, which keep it when the value is null.
func decodeValue[T any](r *jsonReader, dst *T, read func(*jsonReader) (T, error)) error {
	if r.readNull() {
		return nil
	}
	v, err := read(r)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// decodeStruct reads a structure member.
func decodeStruct[T any](r *jsonReader, dst **T, decode func(*jsonReader, *T) error) error {
	if r.readNull() {
		*dst = nil
		return nil
	}
	v := new(T)
	if err := decode(r, v); err != nil {
		return err
	}
	*dst = v
	return nil
}

// decodeElement reads an element of a dense list or a value of a dense map,
// where null is not allowed.
func decodeElement[T any](r *jsonReader, read func(*jsonReader) (T, error)) (T, error) {
	if r.readNull() {
		var zero T
		return zero, r.nullElement()
	}
	return read(r)
}

// decodeStructElement is decodeElement for structures.
func decodeStructElement[T any](r *jsonReader, decode func(*jsonReader, *T) error) (T, error) {
	var v T
	if r.readNull() {
		return v, r.nullElement()
	}
	err := decode(r, &v)
	return v, err
}

// decodeSparse reads an element of a @sparse list or map: null is kept as nil.
func decodeSparse[T any](r *jsonReader, read func(*jsonReader) (T, error)) (*T, error) {
	if r.readNull() {
		return nil, nil
	}
	v, err := read(r)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// Timestamp readers for the formats a body member may declare.
//
// The messages say what is wrong and, through the path, where, but do not
// quote the value: the reader cannot tell a @sensitive member's.

// readDateTime takes date-times in UTC only: Smithy's date-time has no
// offsets, and RestJsonBodyTimestampDateTimeRejectsUTCOffsets wants
// "1996-12-19T16:39:57-08:00" refused.
func readDateTime(r *jsonReader) (time.Time, error) {
	s, err := r.readString()
	if err != nil {
		return time.Time{}, err
	}
	t, problem := dateTimeParse(s, true)
	if problem != "" {
		return time.Time{}, r.invalidValue("not a date-time: " + problem)
	}
	return t, nil
}

func readHTTPDate(r *jsonReader) (time.Time, error) {
	s, err := r.readString()
	if err != nil {
		return time.Time{}, err
	}
	t, problem := httpDateParse(s)
	if problem != "" {
		return time.Time{}, r.invalidValue("not an HTTP date: " + problem)
	}
	return t, nil
}

// readUnion reads a union: an object with exactly one non-null member,
// which fn decodes, reporting whether it knows the key. An unknown member,
// none, or several are malformed input.
func (r *jsonReader) readUnion(fn func(key []byte) (bool, error)) error {
	n := 0
	err := r.readObject(func(key []byte) error {
		if r.readNull() {
			return nil
		}
		n++
		if n > 1 {
			return r.invalidValue("a union takes exactly one member, found several")
		}
		known, err := fn(key)
		if err == nil && !known {
			err = r.invalidValue("unknown union member " + strconv.Quote(string(key)))
		}
		return err
	})
	if err == nil && n == 0 {
		err = r.invalidValue("a union takes exactly one member, found none")
	}
	return err
}
