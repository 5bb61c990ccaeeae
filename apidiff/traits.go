package apidiff

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"

	"github.com/smithygen/smithygen/model"
)

// comparedElsewhere are the traits with a comparison of their own, made
// where they mean something: on members, enum values and operations.
var comparedElsewhere = map[model.ShapeID]bool{
	model.TraitRequired: true, model.TraitDefault: true, model.TraitEnumValue: true, model.TraitHTTP: true,
	model.TraitHTTPLabel: true, model.TraitHTTPQuery: true, model.TraitHTTPQueryParams: true,
	model.TraitHTTPHeader: true, model.TraitHTTPPrefixHeaders: true, model.TraitHTTPPayload: true,
	model.TraitHTTPResponseCode: true, model.TraitJSONName: true,
	model.TraitLength: true, model.TraitRange: true, model.TraitPattern: true, model.TraitUniqueItems: true,
}

// traitRules classify the other traits that change what a generated server
// does. Any trait not here is reported quietly: it does not reach the
// server (endpoint rules, auth, pagination, examples, ...).
var traitRules = map[model.ShapeID]struct {
	kind string // kind prefix
	sev  Severity
}{
	// Logging and the echo of values in validation messages.
	model.TraitSensitive: {"sensitive", Safe},
	// Documentation of the Go code.
	model.TraitDeprecated: {"deprecated", Safe},
	// The server fills in a missing token.
	model.TraitIdempotencyToken: {"idempotency-token", Safe},
	// Clients retry server faults and decide by status.
	model.TraitError:     {"error-fault", Dangerous},
	model.TraitHTTPError: {"http-error", Dangerous},
	// The wire format or the Go type.
	model.TraitTimestampFormat: {"timestamp-format", Breaking},
	model.TraitMediaType:       {"media-type", Breaking},
	model.TraitSparse:          {"sparse", Breaking},
	model.TraitStreaming:       {"streaming", Breaking},
}

// quietKinds are the changes a report shows only when asked to.
var quietKinds = map[string]bool{
	"documentation-changed": true, "trait-added": true, "trait-removed": true, "trait-changed": true,
}

// compareTraits compares the traits of one shape or member: constraints,
// then every other trait not compared elsewhere.
func (d *differ) compareTraits(a at, o, n model.Traits) {
	d.compareConstraints(a, o, n)
	for _, id := range model.Merge(o, n).IDs() {
		ov, was := o[id]
		nv, is := n[id]
		if comparedElsewhere[id] || (was && is && reflect.DeepEqual(ov, nv)) {
			continue
		}
		verb := "changed"
		switch {
		case !was:
			verb = "added"
		case !is:
			verb = "removed"
		}
		subject := traitName(id) + " of " + label(a.id)
		if rule, ok := traitRules[id]; ok {
			d.add(a, rule.sev, rule.kind+"-"+verb, subject+" "+verb, value(ov), value(nv))
			continue
		}
		// Quiet changes carry no values: documentation and rule sets are
		// long, and people who want them have the models.
		kind := "trait-" + verb
		if id == model.TraitDocumentation {
			kind = "documentation-changed"
		}
		d.add(a, Safe, kind, subject+" "+verb, "", "")
	}
}

// compareConstraints compares the traits that validation enforces:
// narrowing what is accepted breaks clients that send what was accepted.
func (d *differ) compareConstraints(a at, o, n model.Traits) {
	d.compareBounds(a, "length", lengthBounds(o), lengthBounds(n))
	d.compareBounds(a, "range", o.Range(), n.Range())
	op, hadPattern := o.Pattern()
	np, hasPattern := n.Pattern()
	subject := " of " + label(a.id)
	switch {
	case !hadPattern && hasPattern:
		d.add(a, Breaking, "pattern-added", "@pattern"+subject+" added", "", np)
	case hadPattern && !hasPattern:
		d.add(a, Safe, "pattern-removed", "@pattern"+subject+" removed", op, "")
	case op != np:
		d.add(a, Breaking, "pattern-changed", "@pattern"+subject+" changed", op, np)
	}
	switch {
	case !o.UniqueItems() && n.UniqueItems():
		d.add(a, Breaking, "unique-items-added", "@uniqueItems"+subject+" added", "", "")
	case o.UniqueItems() && !n.UniqueItems():
		d.add(a, Safe, "unique-items-removed", "@uniqueItems"+subject+" removed", "", "")
	}
}

// lengthBounds is @length, whose absent minimum is zero: @length(min: 0)
// constrains nothing.
func lengthBounds(t model.Traits) *model.Bounds {
	b := t.Length()
	if b != nil && b.Min != nil && b.Min.Sign() == 0 {
		b.Min = nil
	}
	if b != nil && b.Min == nil && b.Max == nil {
		return nil
	}
	return b
}

// compareBounds compares @length or @range. A bound that appears, rises
// (min) or falls (max) tightens; the opposite loosens; a range that moves
// both ways tightens, as some values that were valid are no longer.
func (d *differ) compareBounds(a at, name string, o, n *model.Bounds) {
	omin, omax := ends(o)
	nmin, nmax := ends(n)
	tighter1, looser1 := narrowed(omin, nmin, 1)
	tighter2, looser2 := narrowed(omax, nmax, -1)
	subject := "@" + name + " of " + label(a.id)
	switch {
	case tighter1 || tighter2:
		d.add(a, Breaking, name+"-tightened", subject+" tightened", bounds(o), bounds(n))
	case looser1 || looser2:
		d.add(a, Safe, name+"-loosened", subject+" loosened", bounds(o), bounds(n))
	}
}

func ends(b *model.Bounds) (lo, hi *big.Float) {
	if b == nil {
		return nil, nil
	}
	return b.Min, b.Max
}

// narrowed compares one end of two intervals; dir is 1 for a minimum (a
// higher one narrows) and -1 for a maximum.
func narrowed(o, n *big.Float, dir int) (tighter, looser bool) {
	switch {
	case o == nil && n == nil:
		return false, false
	case o == nil:
		return true, false
	case n == nil:
		return false, true
	}
	c := n.Cmp(o) * dir
	return c > 0, c < 0
}

// bounds renders an interval as "min..max", either end possibly open.
func bounds(b *model.Bounds) string {
	if b == nil {
		return ""
	}
	end := func(f *big.Float) string {
		if f == nil {
			return ""
		}
		return f.Text('g', -1)
	}
	return end(b.Min) + ".." + end(b.Max)
}

// traitName is how people write a trait: @name for the prelude's, else
// with its namespace.
func traitName(id model.ShapeID) string {
	if id.Namespace() == "smithy.api" {
		return "@" + id.Name()
	}
	return "@" + string(id)
}

// value renders a trait or default value in one line: strings as they are,
// annotation traits as nothing, anything else as compact JSON.
func value(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case map[string]any:
		if len(x) == 0 {
			return ""
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
