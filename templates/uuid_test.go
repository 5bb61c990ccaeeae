package templates

import (
	"testing"
)

func TestNewUUID(t *testing.T) {
	seen := make(map[string]bool)
	for i := 0; i < 1000; i++ {
		u := newUUID()
		if len(u) != 36 {
			t.Fatalf("newUUID() = %q: length %d", u, len(u))
		}
		for j := 0; j < len(u); j++ {
			c := u[j]
			switch j {
			case 8, 13, 18, 23:
				if c != '-' {
					t.Fatalf("newUUID() = %q: want '-' at %d", u, j)
				}
			default:
				if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
					t.Fatalf("newUUID() = %q: %q at %d is not a lower-case hex digit", u, c, j)
				}
			}
		}
		if u[14] != '4' {
			t.Fatalf("newUUID() = %q: version %c, want 4", u, u[14])
		}
		if v := u[19]; v != '8' && v != '9' && v != 'a' && v != 'b' {
			t.Fatalf("newUUID() = %q: variant digit %c, want one of 89ab", u, v)
		}
		if seen[u] {
			t.Fatalf("newUUID() repeated %q", u)
		}
		seen[u] = true
	}
}

// TestNewUUIDRandomBits checks that every bit other than the version and
// variant varies: a stuck bit would mean the random bytes are misplaced.
func TestNewUUIDRandomBits(t *testing.T) {
	const fixed = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
	var or, and [36]byte
	for j := range and {
		and[j] = 0xff
	}
	for i := 0; i < 200; i++ {
		u := newUUID()
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
