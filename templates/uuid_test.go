package templates

import (
	"encoding/binary"
	"fmt"
	"testing"
)

func TestNewUUID(t *testing.T) {
	checkUUIDs(t, "newUUID", newUUID)
}

// checkUUIDs checks that 1000 UUIDs from next are distinct version 4 UUIDs
// in canonical form.
func checkUUIDs(t *testing.T, name string, next func() string) {
	t.Helper()
	seen := make(map[string]bool)
	for i := 0; i < 1000; i++ {
		u := next()
		if len(u) != 36 {
			t.Fatalf("%s() = %q: length %d", name, u, len(u))
		}
		for j := 0; j < len(u); j++ {
			c := u[j]
			switch j {
			case 8, 13, 18, 23:
				if c != '-' {
					t.Fatalf("%s() = %q: want '-' at %d", name, u, j)
				}
			default:
				if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
					t.Fatalf("%s() = %q: %q at %d is not a lower-case hex digit", name, u, c, j)
				}
			}
		}
		if u[14] != '4' {
			t.Fatalf("%s() = %q: version %c, want 4", name, u, u[14])
		}
		if v := u[19]; v != '8' && v != '9' && v != 'a' && v != 'b' {
			t.Fatalf("%s() = %q: variant digit %c, want one of 89ab", name, u, v)
		}
		if seen[u] {
			t.Fatalf("%s() repeated %q", name, u)
		}
		seen[u] = true
	}
}

// TestNewUUIDRandomBits checks that every bit other than the version and
// variant varies: a stuck bit would mean the random bytes are misplaced.
func TestNewUUIDRandomBits(t *testing.T) {
	var ids requestIDs
	for name, next := range map[string]func() string{"newUUID": newUUID, "requestIDs.next": ids.next} {
		t.Run(name, func(t *testing.T) { checkRandomBits(t, next) })
	}
}

func checkRandomBits(t *testing.T, next func() string) {
	const fixed = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
	var or, and [36]byte
	for j := range and {
		and[j] = 0xff
	}
	for i := 0; i < 200; i++ {
		u := next()
		for j := 0; j < len(u); j++ {
			v := uuidTestNibble(u[j])
			or[j] |= v
			and[j] &= v
		}
	}
	for j := 0; j < len(fixed); j++ {
		switch fixed[j] {
		case 'x':
			if or[j] != 0xf || and[j] != 0 {
				t.Errorf("position %d: bits never set %04b, always set %04b", j, ^or[j]&0xf, and[j])
			}
		case 'y':
			if or[j] != 0xb || and[j] != 0x8 {
				t.Errorf("variant position: or %04b and %04b, want 1011 and 1000", or[j], and[j])
			}
		}
	}
}

func uuidTestNibble(c byte) byte {
	if c >= 'a' {
		return c - 'a' + 10
	}
	return c - '0'
}

func TestNewUUIDAllocations(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = newUUID() }); n > 1 {
		t.Errorf("newUUID allocates %v times, want 1", n)
	}
}

func BenchmarkNewUUID(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = newUUID()
	}
}

// Request IDs come in batches: over many batches they are distinct UUIDs,
// and a request takes no allocation of its own for its ID.
func TestRequestIDs(t *testing.T) {
	var ids requestIDs
	checkUUIDs(t, "requestIDs.next", ids.next)
	const n = 10 * requestIDBatch
	allocs := testing.AllocsPerRun(10, func() {
		for range n {
			_ = ids.next()
		}
	})
	if allocs > n/requestIDBatch {
		t.Errorf("%d request IDs take %v allocations, want at most %d", n, allocs, n/requestIDBatch)
	}
}

// TestHex8 checks the eight digits at once against strconv.
func TestHex8(t *testing.T) {
	for _, v := range []uint32{0, 1, 9, 10, 15, 16, 0x0123abcd, 0x89abcdef, 0xa0b0c0d0, 0xffffffff} {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], hex8(v))
		if want := fmt.Sprintf("%08x", v); string(b[:]) != want {
			t.Errorf("hex8(%#x) = %q, want %q", v, b[:], want)
		}
	}
	var b [16]byte
	for i := range b {
		b[i] = byte(i * 17)
	}
	if got, want := formatUUID(b), "00112233-4455-4677-8899-aabbccddeeff"; got != want {
		t.Errorf("formatUUID = %q, want %q", got, want)
	}
}
