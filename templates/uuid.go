//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"crypto/rand"
	"encoding/binary"
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
	putUUID(&s, b)
	return string(s[:])
}

// putUUID marks the random bytes b as a version 4 UUID and writes it to
// dst in canonical form: lower-case hex digits, grouped 8-4-4-4-12. Each
// four bytes become eight digits at once, stored whole or in halves.
func putUUID(dst *[uuidLen]byte, b [16]byte) {
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10
	be := binary.BigEndian
	be.PutUint64(dst[0:], hex8(be.Uint32(b[0:])))
	w := hex8(be.Uint32(b[4:]))
	be.PutUint32(dst[9:], uint32(w>>32))
	be.PutUint32(dst[14:], uint32(w))
	w = hex8(be.Uint32(b[8:]))
	be.PutUint32(dst[19:], uint32(w>>32))
	be.PutUint32(dst[24:], uint32(w))
	be.PutUint64(dst[28:], hex8(be.Uint32(b[12:])))
	dst[8], dst[13], dst[18], dst[23] = '-', '-', '-', '-'
}

// hex8 returns the eight lower-case hex digits of v as the bytes of a
// word, the most significant digit in the top byte: each nibble is spread
// to a byte of its own, then all eight become digits at once. No step
// carries from one byte into the next.
func hex8(v uint32) uint64 {
	const ones = 0x0101010101010101
	x := uint64(v)
	x = (x | x<<16) & 0x0000ffff0000ffff
	x = (x | x<<8) & 0x00ff00ff00ff00ff
	x = (x | x<<4) & 0x0f0f0f0f0f0f0f0f
	letters := (x + 6*ones) >> 4 & ones // 1 in each byte of 10 or more
	return x + '0'*ones + letters*('a'-'0'-10)
}
