//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"crypto/rand"
	"encoding/hex"
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
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return string(s[:])
}
