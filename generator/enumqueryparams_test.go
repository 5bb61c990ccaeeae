package generator_test

import (
	"context"
	"strings"
	"testing"

	eq "github.com/smithygen/smithygen/generator/internal/golden/enumqueryparams"
)

// paints echoes the @httpQueryParams maps it is given.
type paints struct{ eq.UnimplementedService }

func (paints) Paint(_ context.Context, in *eq.PaintInput) (*eq.PaintOutput, error) {
	return &eq.PaintOutput{Colors: in.Colors}, nil
}

func (paints) Mix(_ context.Context, in *eq.MixInput) (*eq.MixOutput, error) {
	return &eq.MixOutput{Palettes: in.Palettes}, nil
}

// TestEnumQueryParams: an @httpQueryParams map whose values are an enum,
// or lists of one, is bound with the enum's type, round-trips, and refuses
// a value the enum does not have.
func TestEnumQueryParams(t *testing.T) {
	h := eq.NewHandler(paints{})
	for _, tt := range []struct {
		target, want string
	}{
		{"/paint?wall=red&door=green", `{"colors":{"door":"green","wall":"red"}}`},
		{"/mix?wall=red&wall=green&door=green", `{"palettes":{"door":["green"],"wall":["red","green"]}}`},
	} {
		resp, out := kitchenDo(t, h, "GET", tt.target, "", "")
		if resp.StatusCode != 200 || out != tt.want {
			t.Errorf("GET %s: %d %s, want 200 %s", tt.target, resp.StatusCode, out, tt.want)
		}
	}
	for _, target := range []string{"/paint?wall=blue", "/mix?wall=red&wall=blue"} {
		resp, out := kitchenDo(t, h, "GET", target, "", "")
		if resp.StatusCode != 400 || !strings.Contains(out, "/wall") {
			t.Errorf("GET %s: %d %s, want 400 naming /wall", target, resp.StatusCode, out)
		}
	}
}
