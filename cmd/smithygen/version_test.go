package main

import (
	"runtime/debug"
	"testing"
)

func TestModuleVersion(t *testing.T) {
	self := debug.Module{Path: modulePath, Version: "v0.1.0"}
	replaced := self
	replaced.Replace = &debug.Module{Path: "../smithygen", Version: "(devel)"}
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"go install @v0.1.0", debug.BuildInfo{Main: self}, "v0.1.0"},
		{"go build in a clone", debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "(devel)"}}, "(devel)"},
		{"go tool in a downstream module", debug.BuildInfo{Main: debug.Module{Path: "example.com/you"}, Deps: []*debug.Module{&self}}, "v0.1.0"},
		{"replaced by a local clone", debug.BuildInfo{Main: debug.Module{Path: "example.com/you"}, Deps: []*debug.Module{&replaced}}, "v0.1.0 (replaced by ../smithygen)"},
		{"not in the build info", debug.BuildInfo{Main: debug.Module{Path: "example.com/you"}}, "(devel)"},
	}
	for _, tt := range tests {
		if got := moduleVersion(&tt.info); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestStampedVersion(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "v0.1.0"
	if code, out, _ := smithygen(t, "-version"); code != 0 || out != "smithygen v0.1.0\n" {
		t.Errorf("exit %d, %q; want the stamped release", code, out)
	}
}
