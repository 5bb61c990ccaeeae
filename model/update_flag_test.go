package model

// The golden tests' -update flag: `go test ./... -update` passes it to
// every test binary of the module.
import _ "github.com/smithygen/smithygen/internal/update"
