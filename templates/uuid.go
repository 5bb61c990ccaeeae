//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"crypto/rand"
)

// newUUID returns a random (version 4, RFC 9562) UUID in its canonical
// lower-case 8-4-4-4-12 form.
func newUUID() string {
	var b [16]byte
	// crypto/rand.Read does not fail on supported platforms (since Go 1.24
	// it aborts the program instead of returning an error); the check
	// keeps a broken random source from silently producing fixed IDs.
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	return formatUUID(b)
}

// uuidLen is the length of a UUID in canonical form.
const uuidLen = 36

// formatUUID marks the random bytes b as a version 4 UUID and returns it in
// canonical form.
func formatUUID(b [16]byte) string {
	var s [uuidLen]byte
	return string(appendUUID(s[:0], b))
}

// appendUUID marks the random bytes b as a version 4 UUID and appends it to
// dst in canonical form: lower-case hex digits, grouped 8-4-4-4-12.
func appendUUID(dst []byte, b [16]byte) []byte {
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10
	const digits = "0123456789abcdef"
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst = append(dst, '-')
		}
		dst = append(dst, digits[c>>4], digits[c&0x0f])
	}
	return dst
}
