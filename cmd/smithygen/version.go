package main

import (
	"runtime/debug"
)

// modulePath is smithygen's own module, looked up in the build info.
const modulePath = "github.com/smithygen/smithygen"

// version is the release a binary was built from. `make build` stamps it
// with -ldflags "-X main.version=..."; builds by the go command leave it
// empty and the module version in the build info says it instead.
var version string

// buildVersion is what -version prints: the stamped release, else the
// version of smithygen's module as the go command recorded it.
func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return moduleVersion(info)
}

// moduleVersion finds smithygen's module among those of a build: the main
// module for `go install ...@VERSION` and `go build` in a clone, a
// dependency when a downstream module builds it as a tool.
func moduleVersion(info *debug.BuildInfo) string {
	mod := &info.Main
	if mod.Path != modulePath {
		mod = nil
		for _, dep := range info.Deps {
			if dep.Path == modulePath {
				mod = dep
				break
			}
		}
	}
	if mod == nil || mod.Version == "" {
		return "(devel)"
	}
	v := mod.Version
	if r := mod.Replace; r != nil {
		// A replace, to a local clone say: the required version names a
		// release the code need not match.
		by := r.Path
		if r.Version != "" && r.Version != "(devel)" {
			by += " " + r.Version
		}
		v += " (replaced by " + by + ")"
	}
	return v
}
