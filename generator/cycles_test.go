package generator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/smithygen/smithygen/generator/internal/golden/cycles"
)

// TestCycleValidation: in X -> Y -> X, where only X has a constraint, Y
// must validate the X inside it, however deep.
func TestCycleValidation(t *testing.T) {
	in := &cycles.OpInput{X: &cycles.X{R: ptr("r"), Y: &cycles.Y{X: &cycles.X{}}}}
	err := in.Validate()
	if err == nil || !strings.Contains(err.Error(), "'/X/Y/X/R'") {
		t.Errorf("Validate() = %v, want /X/Y/X/R reported missing", err)
	}
	if err := (&cycles.OpInput{X: &cycles.X{R: ptr("r"), Y: &cycles.Y{X: &cycles.X{R: ptr("r")}}}}).Validate(); err != nil {
		t.Errorf("a valid input: Validate() = %v", err)
	}
}

// TestCycleRedaction: in A -> B -> A, where only A has a @sensitive member,
// B holds a sensitive value too and redacts it whatever the verb.
func TestCycleRedaction(t *testing.T) {
	b := cycles.B{A: &cycles.A{S: ptr(secret), B: &cycles.B{A: &cycles.A{S: ptr(secret)}}}}
	if _, ok := any(b).(fmt.Stringer); !ok {
		t.Error("B has no String method that redacts the values of the A inside it")
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(verb, b); strings.Contains(out, secret) || !strings.Contains(out, "A:") {
			t.Errorf("%s: %s", verb, out)
		}
	}
}
