package e2e

import (
	"testing"

	"github.com/smithygen/smithygen/model"
)

// The strings the value maker derives from patterns: each must match its
// pattern and length, and carry as much of the spot's stress text as the
// pattern allows.
func TestValueMakerStrings(t *testing.T) {
	arn := `^arn:[a-z0-9-\.]{1,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[^/].{0,1023}$`
	cases := []struct {
		pattern  string
		min, max float64
		spot     wireSpot
		want     string
	}{
		{arn, 5, 1600, spotLabel, "arn:a::::a" + stressSuffix[spotLabel]},
		{arn, 5, 1600, spotHeader, "arn:a::::a" + stressSuffix[spotHeader]},
		{`^arn[\/\:\-\_\.a-zA-Z0-9]+$`, 1, 1024, spotQuery, "arna" + plainSuffix},
		{`^[a-z]+$`, 6, 8, spotBody, "aaaaaa"},
		{`^$|^[a-zA-Z0-9 ]{2,15}$`, 0, 0, spotBody, "aa"},
		{`^8(00|33|44|55|66|77|88)$`, 3, 3, spotQuery, "800"},
		{`^.+@.+\..+$`, 0, 0, spotQuery, "a@a.a" + stressSuffix[spotQuery]},
		{`.*`, 0, 64, spotLabel, "a" + stressSuffix[spotLabel]},
	}
	for _, c := range cases {
		traits := model.Traits{model.TraitPattern: c.pattern}
		if c.max > 0 {
			traits[model.TraitLength] = map[string]any{"min": c.min, "max": c.max}
		}
		mem := &model.Member{Name: "Value", Container: &model.Shape{ID: "test#Shape"}}
		got, err := newValueMaker(nil).str(mem, traits, c.spot, 0, 0)
		if err != nil || got != c.want {
			t.Errorf("%s (length %v..%v): %q, %v; want %q", c.pattern, c.min, c.max, got, err, c.want)
		}
	}
}

// The same model gives the same values, so that a failing round trip can
// be reproduced.
func TestValueMakerDeterministic(t *testing.T) {
	for _, file := range []string{identityModelFile, chimeModelFile} {
		m, ops := loadService(t, file)
		a, b := newValueMaker(m), newValueMaker(m)
		for _, op := range ops {
			for _, build := range []func(*valueMaker) (map[string]any, error){
				func(vm *valueMaker) (map[string]any, error) { return vm.operationInput(op) },
				func(vm *valueMaker) (map[string]any, error) { return vm.operationOutput(op) },
			} {
				x, err := build(a)
				if err != nil {
					t.Fatal(err)
				}
				y, err := build(b)
				if err != nil {
					t.Fatal(err)
				}
				if diff := treeDiff(x, y); diff != "" {
					t.Errorf("%s: values differ between runs:\n%s", op.ID.Name(), diff)
				}
			}
		}
	}
}
