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

// formatUUID marks the random bytes b as a version 4 UUID and returns it in
// canonical form.
func formatUUID(b [16]byte) string {
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10
	const digits = "0123456789abcdef"
	var s [36]byte
	j := 0
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			s[j] = '-'
			j++
		}
		s[j], s[j+1] = digits[c>>4], digits[c&0x0f]
		j += 2
	}
	return string(s[:])
}
