package templates

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The expected strings below are copied from Smithy's restJson1 validation
// protocol tests (smithy-aws-protocol-tests/model/restJson1/validation), with
// their $value/$inputLength parameters filled in and "$$" read as "$".
func TestValidatorProtocolMessages(t *testing.T) {
	tests := []struct {
		name   string
		record func(c *validator)
		path   string
		msg    string
	}{
		{
			name: "RestJsonMalformedLengthString",
			record: func(c *validator) {
				c.badLength("string", utf8.RuneCountInString("👍"), "Member must have length between 2 and 8, inclusive")
			},
			path: "/string",
			msg:  "Value with length 1 at '/string' failed to satisfy constraint: Member must have length between 2 and 8, inclusive",
		},
		{
			name:   "RestJsonMalformedLengthMinString",
			record: func(c *validator) { c.badLength("minString", 1, "Member must have length greater than or equal to 2") },
			path:   "/minString",
			msg:    "Value with length 1 at '/minString' failed to satisfy constraint: Member must have length greater than or equal to 2",
		},
		{
			name:   "RestJsonMalformedLengthMaxString",
			record: func(c *validator) { c.badLength("maxString", 26, "Member must have length less than or equal to 8") },
			path:   "/maxString",
			msg:    "Value with length 26 at '/maxString' failed to satisfy constraint: Member must have length less than or equal to 8",
		},
		{
			name: "RestJsonMalformedLengthListValue",
			record: func(c *validator) {
				c.enter("list")
				c.enterIndex(0)
				c.badLength("", 1, "Member must have length between 2 and 8, inclusive")
				c.leave()
				c.leave()
			},
			path: "/list/0",
			msg:  "Value with length 1 at '/list/0' failed to satisfy constraint: Member must have length between 2 and 8, inclusive",
		},
		{
			name: "RestJsonMalformedLengthMapValue",
			record: func(c *validator) {
				c.enter("map")
				c.badLength("abc", 1, "Member must have length between 2 and 8, inclusive")
				c.leave()
			},
			path: "/map/abc",
			msg:  "Value with length 1 at '/map/abc' failed to satisfy constraint: Member must have length between 2 and 8, inclusive",
		},
		{
			name:   "RestJsonMalformedRangeByte",
			record: func(c *validator) { c.badValue("byte", "9", "Member must be between 2 and 8, inclusive") },
			path:   "/byte",
			msg:    "Value at '/byte' failed to satisfy constraint: Member must be between 2 and 8, inclusive",
		},
		{
			name:   "RestJsonMalformedRangeMinFloat",
			record: func(c *validator) { c.badValue("minFloat", "1.1", "Member must be greater than or equal to 2.2") },
			path:   "/minFloat",
			msg:    "Value at '/minFloat' failed to satisfy constraint: Member must be greater than or equal to 2.2",
		},
		{
			name:   "RestJsonMalformedRangeMaxLong",
			record: func(c *validator) { c.badValue("maxLong", "9", "Member must be less than or equal to 8") },
			path:   "/maxLong",
			msg:    "Value at '/maxLong' failed to satisfy constraint: Member must be less than or equal to 8",
		},
		{
			name: "RestJsonMalformedPatternString",
			record: func(c *validator) {
				c.badValue("string", "ABC", "Member must satisfy regular expression pattern: ^[a-m]+$")
			},
			path: "/string",
			msg:  "Value at '/string' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$",
		},
		{
			name: "RestJsonMalformedPatternUnion",
			record: func(c *validator) {
				c.enter("union")
				c.badValue("first", "ABC", "Member must satisfy regular expression pattern: ^[a-m]+$")
				c.leave()
			},
			path: "/union/first",
			msg:  "Value at '/union/first' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$",
		},
		{
			name: "RestJsonMalformedPatternSensitiveString",
			record: func(c *validator) {
				c.badSensitive("string", "Member must satisfy regular expression pattern: ^[a-m]+$")
			},
			path: "/string",
			msg:  "Value at '/string' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$",
		},
		{
			name: "RestJsonMalformedEnumList",
			record: func(c *validator) {
				c.enter("list")
				c.enterIndex(0)
				c.badValue("", "XYZ", "Member must satisfy enum value set: [abc, def, jkl]")
				c.leave()
				c.leave()
			},
			path: "/list/0",
			msg:  "Value at '/list/0' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]",
		},
		{
			// A failing map key is reported at the map itself.
			name:   "RestJsonMalformedEnumMapKey",
			record: func(c *validator) { c.badValue("map", "XYZ", "Member must satisfy enum value set: [abc, def, jkl]") },
			path:   "/map",
			msg:    "Value at '/map' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]",
		},
		{
			name: "RestJsonMalformedRecursiveStructures",
			record: func(c *validator) {
				c.enter("union")
				c.enter("union")
				c.enter("union")
				c.badValue("string", "XYZ", "Member must satisfy enum value set: [abc, def]")
				c.leave()
				c.leave()
				c.leave()
			},
			path: "/union/union/union/string",
			msg:  "Value at '/union/union/union/string' failed to satisfy constraint: Member must satisfy enum value set: [abc, def]",
		},
		{
			name:   "RestJsonMalformedRequiredBodyUnset",
			record: func(c *validator) { c.missing("string") },
			path:   "/string",
			msg:    "Value at '/string' failed to satisfy constraint: Member must not be null",
		},
		{
			name: "RestJsonMalformedUniqueItemsStructureMissingKeyList",
			record: func(c *validator) {
				c.enter("structureListWithNoKey")
				c.enterIndex(0)
				c.missing("hi")
				c.leave()
				c.leave()
			},
			path: "/structureListWithNoKey/0/hi",
			msg:  "Value at '/structureListWithNoKey/0/hi' failed to satisfy constraint: Member must not be null",
		},
		{
			name:   "RestJsonMalformedUniqueItemsStringList",
			record: func(c *validator) { c.notUnique("stringList", []int{0, 1}) },
			path:   "/stringList",
			msg:    "Value at '/stringList' failed to satisfy constraint: Member must have unique values",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c validator
			tt.record(&c)
			err := c.err()
			var ve *validationError
			if !errors.As(err, &ve) {
				t.Fatalf("err() = %v, want *validationError", err)
			}
			if len(ve.violations) != 1 || ve.violations[0].path != tt.path || ve.violations[0].message != tt.msg {
				t.Errorf("violations = %q, want one at %q: %q", ve.violations, tt.path, tt.msg)
			}
			// The protocol tests' wording is the one without values.
			if got, want := ve.summary(false), "1 validation error detected. "+tt.msg; got != want {
				t.Errorf("summary = %q, want %q", got, want)
			}
			if c.depth != 0 {
				t.Errorf("depth %d after balanced enter/leave", c.depth)
			}
		})
	}
}

func TestValidatorNoViolations(t *testing.T) {
	var c validator
	c.enter("a")
	c.leave()
	if err := c.err(); err != nil {
		t.Fatalf("err() = %v, want nil", err)
	}
}

func TestValidatorSeveral(t *testing.T) {
	var c validator
	c.missing("Name")
	c.enter("Tags")
	c.enterIndex(3)
	c.badLength("Key", 0, "Member must have length between 1 and 128, inclusive")
	c.leave()
	c.leave()
	c.badSensitive("Secret", "Member must satisfy regular expression pattern: ^x$")
	want := "3 validation errors detected. " +
		"Value at '/Name' failed to satisfy constraint: Member must not be null; " +
		"Value with length 0 at '/Tags/3/Key' failed to satisfy constraint: Member must have length between 1 and 128, inclusive; " +
		"Value at '/Secret' failed to satisfy constraint: Member must satisfy regular expression pattern: ^x$"
	if got := c.err().Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	var paths []string
	for _, v := range c.err().(*validationError).violations {
		paths = append(paths, v.path)
	}
	if want := []string{"/Name", "/Tags/3/Key", "/Secret"}; !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q", paths, want)
	}
}

func TestValidatorPointerEscaping(t *testing.T) {
	var c validator
	c.enter("map")
	c.enter("a/b~c")
	c.missing("x/~")
	c.leave()
	c.leave()
	c.missing("")
	got := c.err().(*validationError).violations
	if got[0].path != "/map/a~1b~0c/x~1~0" {
		t.Errorf("path %q", got[0].path)
	}
	// The root itself is the empty JSON pointer.
	if got[1].path != "" {
		t.Errorf("root path %q", got[1].path)
	}
}

func TestValidatorDeepPath(t *testing.T) {
	// Past the fixed part of the stack, and back, twice: levels must not
	// leak from one descent into the next.
	var c validator
	var want strings.Builder
	for round := range 2 {
		want.Reset()
		for i := range 40 {
			if i%2 == 0 {
				c.enter("m")
				want.WriteString("/m")
			} else {
				c.enterIndex(i + round)
				want.WriteString("/" + strconv.Itoa(i+round))
			}
		}
		c.missing("leaf")
		want.WriteString("/leaf")
		for range 40 {
			c.leave()
		}
		vs := c.err().(*validationError).violations
		if got := vs[len(vs)-1].path; got != want.String() {
			t.Fatalf("round %d: path\n%s\nwant\n%s", round, got, want.String())
		}
	}
	c.leave() // an unbalanced leave must not corrupt the stack
	c.missing("top")
	vs := c.err().(*validationError).violations
	if got := vs[len(vs)-1].path; got != "/top" {
		t.Errorf("path %q after extra leave", got)
	}
}

// validateTestSample mirrors what generated code does for a small nested input:
// a structure with a list of structures and a map, every member valid.
func validateTestSample(name string, tags []validateTestTag, attrs map[string]string) error {
	var c validator
	if name == "" {
		c.missing("Name")
	} else if n := utf8.RuneCountInString(name); n > 256 {
		c.badLength("Name", n, "Member must have length between 1 and 256, inclusive")
	}
	c.enter("Tags")
	for i := range tags {
		c.enterIndex(i)
		tags[i].validate(&c)
		c.leave()
	}
	c.leave()
	c.enter("Attributes")
	for k, v := range attrs {
		if v == "" {
			c.badValue(k, v, "Member must satisfy regular expression pattern: ^.+$")
		}
	}
	c.leave()
	return c.err()
}

type validateTestTag struct{ key, value string }

// validate is out of line, as nested shapes' methods are in generated code:
// the validator must not escape through it.
//
//go:noinline
func (t *validateTestTag) validate(c *validator) {
	if t.key == "" {
		c.missing("Key")
	}
	c.enter("Value")
	if len(t.value) > 256 {
		c.badLength("", len(t.value), "Member must have length less than or equal to 256")
	}
	c.leave()
}

func TestValidatorSuccessDoesNotAllocate(t *testing.T) {
	tags := []validateTestTag{{"k1", "v1"}, {"k2", "v2"}}
	attrs := map[string]string{"a": "1"}
	allocs := testing.AllocsPerRun(100, func() {
		if err := validateTestSample("app", tags, attrs); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations on the success path", allocs)
	}
	if err := validateTestSample("", []validateTestTag{{"", "v"}}, map[string]string{"a/b": ""}); err == nil ||
		err.Error() != "3 validation errors detected. "+
			"Value at '/Name' failed to satisfy constraint: Member must not be null; "+
			"Value at '/Tags/0/Key' failed to satisfy constraint: Member must not be null; "+
			"Value  at '/Attributes/a~1b' failed to satisfy constraint: Member must satisfy regular expression pattern: ^.+$" {
		t.Errorf("err = %v", err)
	}
}

// A response lists at most maxViolations violations, and its count states
// how many there were in all; the rest are counted without rendering them.
func TestValidatorBounded(t *testing.T) {
	var c validator
	c.enter("Tags")
	for i := range 340000 {
		c.enterIndex(i)
		c.missing("Key")
		c.missing("Value")
		c.leave()
	}
	c.leave()
	verr := c.err().(*validationError)
	if len(verr.violations) != maxViolations || verr.total != 680000 {
		t.Fatalf("listed %d of %d, want %d of 680000", len(verr.violations), verr.total, maxViolations)
	}
	msg := verr.Error()
	if !strings.HasPrefix(msg, "680000 validation errors detected. Value at '/Tags/0/Key' failed") {
		t.Errorf("message starts %.80q", msg)
	}
	if n := strings.Count(msg, "; "); n != maxViolations-1 {
		t.Errorf("message joins %d messages, want %d", n+1, maxViolations)
	}
	if last := verr.violations[maxViolations-1].path; last != "/Tags/24/Value" {
		t.Errorf("last listed violation at %q", last)
	}
}
