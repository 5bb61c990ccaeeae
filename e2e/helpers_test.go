package e2e

import (
	"io"
	"log/slog"
)

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// The messages smithygen gives for CreateAppInstance's constraint violations,
// the same in both services.
const (
	msgEmptyName     = "1 validation error detected. Value with length 0 at '/Name' failed to satisfy constraint: Member must have length between 1 and 256, inclusive"
	msgLongName      = "1 validation error detected. Value with length 257 at '/Name' failed to satisfy constraint: Member must have length between 1 and 256, inclusive"
	msgLongMetadata  = "1 validation error detected. Value with length 1025 at '/Metadata' failed to satisfy constraint: Member must have length between 0 and 1024, inclusive"
	msgTooManyTags   = "1 validation error detected. Value with length 51 at '/Tags' failed to satisfy constraint: Member must have length between 1 and 50, inclusive"
	msgEmptyTagKey   = "1 validation error detected. Value with length 0 at '/Tags/1/Key' failed to satisfy constraint: Member must have length between 1 and 128, inclusive"
	msgShortToken    = "1 validation error detected. Value with length 1 at '/ClientRequestToken' failed to satisfy constraint: Member must have length between 2 and 64, inclusive"
	msgTwoViolations = "2 validation errors detected. Value with length 0 at '/Name' failed to satisfy constraint: Member must have length between 1 and 256, inclusive; " +
		"Value with length 1 at '/ClientRequestToken' failed to satisfy constraint: Member must have length between 2 and 64, inclusive"
)
