//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

// Constraint violations and their messages.
//
// The wording follows Smithy's restJson1 validation protocol tests in
// smithy-aws-protocol-tests/model/restJson1/validation/: malformed-length,
// malformed-range, malformed-pattern, malformed-enum, malformed-required,
// malformed-uniqueItems, recursive-structures and sensitive-validation
// (.smithy). Every message there has the shape
//
//	Value at '<path>' failed to satisfy constraint: <constraint>
//
// except for @length, which also states the measured length:
//
//	Value with length <n> at '<path>' failed to satisfy constraint: <constraint>
//
// The ValidationException body is {"message": "1 validation error detected.
// <field message>", "fieldList": [{"message": <field message>, "path":
// <path>}]}, with status 400 and x-amzn-errortype: ValidationException.
//
// Where the tests depart from AWS services' messages and from older versions
// of the same tests:
//
//   - The tests never reflect the offending value ("Value at '/string'";
//     smithy#1622 removed reflected values), while AWS services, and smithygen,
//     state it for @pattern, @range and enum failures ("Value bad!token at
//     '/ClientRequestToken' ..."). Each violation keeps both texts: the
//     modeled error of an AWS model gets the one with the value, and
//     smithy.framework#ValidationException, whose contract is those tests,
//     the one without. A @sensitive value is never reflected in either.
//   - @uniqueItems names neither the repeated values nor their indices:
//     "Value at '/list' failed to satisfy constraint: Member must have unique
//     values" (smithy#1639 dropped "Value with repeated values at ...").
//   - Paths use member names even for members bound to headers or the query
//     string ('/stringInHeader'). A failing map key is reported at the map's
//     own path ('/map'), a failing map value at '/map/<key>', a list element
//     at '/list/<index>'.
//
// The constraint texts are computed by the generator; the tests use:
//
//	@length(min, max)  Member must have length between 2 and 8, inclusive
//	@length(min)       Member must have length greater than or equal to 2
//	@length(max)       Member must have length less than or equal to 8
//	@range(min, max)   Member must be between 2 and 8, inclusive
//	@range(min)        Member must be greater than or equal to 2
//	@range(max)        Member must be less than or equal to 8
//	                   (decimal bounds as written in the model: 2.2, 8.8)
//	@pattern           Member must satisfy regular expression pattern: ^[a-m]+$
//	                   (the pattern verbatim; the test files spell '$' as
//	                   "$$" where testParameters substitution is on)
//	enum, @enum        Member must satisfy enum value set: [abc, def, jkl]
//	                   (values in model order, leaving out enum members marked
//	                   @internal and @enum entries tagged "internal"; an enum
//	                   member merely tagged "internal" is listed)
//	@required          Member must not be null
//	@uniqueItems       Member must have unique values
//
// String lengths count Unicode code points ("👍" has length 1), blobs bytes,
// lists and maps entries. No test covers a bad intEnum value or several
// violations at once: the former presumably reads like enum, with the
// numbers ("[1, 2]"); for the latter the message joins the field messages
// with "; " after "<n> validation errors detected. ".

import (
	"math/big"
	"strconv"
	"strings"
)

// validator collects the violations of one input. The zero value is ready
// to use. Generated Validate methods push the path of each member they
// descend into; the path is only rendered when a violation is recorded, so
// validating good input (the common case) does not allocate for nesting up
// to len(validator.fixed) levels.
type validator struct {
	fixed      [16]pathPart
	more       []pathPart // levels beyond len(fixed)
	depth      int
	violations []violation // the first maxViolations found
	total      int         // every violation found, listed or not
}

// maxViolations is how many violations a response lists. A body of many bad
// list entries could otherwise make the server render, and send, a message
// many times its own size; the rest are only counted.
const maxViolations = 50

// listing counts a violation and reports whether it is among those listed,
// so that callers render its path and message only then.
func (c *validator) listing() bool {
	c.total++
	return len(c.violations) < maxViolations
}

// pathPart is one JSON pointer reference token: a member name or map key, or
// a list index, kept as an int until a path is actually rendered.
type pathPart struct {
	name    string
	index   int
	isIndex bool
}

func (c *validator) push(p pathPart) {
	if c.depth < len(c.fixed) {
		c.fixed[c.depth] = p
	} else {
		c.more = append(c.more[:c.depth-len(c.fixed)], p)
	}
	c.depth++
}

func (c *validator) part(i int) pathPart {
	if i < len(c.fixed) {
		return c.fixed[i]
	}
	return c.more[i-len(c.fixed)]
}

// enter pushes a member name or a map key.
func (c *validator) enter(name string) { c.push(pathPart{name: name}) }

// enterIndex pushes a list index.
func (c *validator) enterIndex(i int) { c.push(pathPart{index: i, isIndex: true}) }

// leave pops what the last enter or enterIndex pushed.
func (c *validator) leave() {
	if c.depth > 0 {
		c.depth--
	}
}

// path renders the current path plus name ("" for the current path itself)
// as a JSON pointer.
func (c *validator) path(name string) string {
	var b strings.Builder
	for i := 0; i < c.depth; i++ {
		b.WriteByte('/')
		p := c.part(i)
		if p.isIndex {
			b.WriteString(strconv.Itoa(p.index))
		} else {
			writePointerToken(&b, p.name)
		}
	}
	if name != "" {
		b.WriteByte('/')
		writePointerToken(&b, name)
	}
	return b.String()
}

// writePointerToken escapes a reference token per RFC 6901: map keys are
// arbitrary strings and must not be mistaken for path separators.
func writePointerToken(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(s[i])
		}
	}
}

// add lists a violation whose message states no value; callers have
// checked listing.
func (c *validator) add(path, message string) {
	c.violations = append(c.violations, violation{path: path, message: message, stated: message})
}

// missing records a @required member that is absent or null.
func (c *validator) missing(name string) {
	if !c.listing() {
		return
	}
	p := c.path(name)
	c.add(p, "Value at '"+p+"' failed to satisfy constraint: Member must not be null")
}

// badLength records a @length violation; n is the measured length (code
// points for strings, bytes for blobs, entries for lists and maps).
func (c *validator) badLength(name string, n int, constraint string) {
	if !c.listing() {
		return
	}
	p := c.path(name)
	c.add(p, "Value with length "+strconv.Itoa(n)+" at '"+p+"' failed to satisfy constraint: "+constraint)
}

// badValue records a @pattern, @range or enum violation, with and without
// the value (see the top of this file).
func (c *validator) badValue(name, value, constraint string) {
	if !c.listing() {
		return
	}
	p := c.path(name)
	tail := "at '" + p + "' failed to satisfy constraint: " + constraint
	c.violations = append(c.violations, violation{path: p, message: "Value " + tail, stated: "Value " + value + " " + tail})
}

// badSensitive records a violation of a @sensitive member, whose value must
// never be echoed.
func (c *validator) badSensitive(name, constraint string) {
	if !c.listing() {
		return
	}
	p := c.path(name)
	c.add(p, "Value at '"+p+"' failed to satisfy constraint: "+constraint)
}

// notUnique records a @uniqueItems violation. indices are those of the
// repeated elements, which generated code finds while checking; the
// protocol's message names neither them nor the values (smithy#1639), so they
// are not recorded.
func (c *validator) notUnique(name string, indices []int) {
	if !c.listing() {
		return
	}
	p := c.path(name)
	c.add(p, "Value at '"+p+"' failed to satisfy constraint: Member must have unique values")
}

// err returns nil when nothing was recorded, else a *validationError.
func (c *validator) err() error {
	if c.total == 0 {
		return nil
	}
	return &validationError{violations: c.violations, total: c.total}
}

// violation is one constraint violation: where, and the message without
// and with the offending value (the same where no value is stated).
type violation struct{ path, message, stated string }

// validationError is what generated Validate methods return; the handler turns
// it into the operation's ValidationException. It lists at most
// maxViolations of the total.
type validationError struct {
	violations []violation
	total      int
}

// Error is the message with values stated: "1 validation error detected.
// <message>", or "<n> validation errors detected. <m1>; <m2>; ...".
func (e *validationError) Error() string { return e.summary(true) }

// summary joins the listed violations' messages after the count of all of
// them, with values stated or not.
func (e *validationError) summary(stated bool) string {
	vs := e.violations
	var b strings.Builder
	b.WriteString(strconv.Itoa(e.total))
	if e.total == 1 {
		b.WriteString(" validation error detected. ")
	} else {
		b.WriteString(" validation errors detected. ")
	}
	for i, v := range vs {
		if i > 0 {
			b.WriteString("; ")
		}
		if stated {
			b.WriteString(v.stated)
		} else {
			b.WriteString(v.message)
		}
	}
	return b.String()
}

// decimalBound returns the @range bound s, a decimal as the model writes it,
// at the precision of the bigDecimal v it is compared with, so that a value
// written the same way as the bound rounds the same way and compares equal.
func decimalBound(v *big.Float, s string) *big.Float {
	b, _ := new(big.Float).SetPrec(max(v.Prec(), 64)).SetString(s)
	return b
}
