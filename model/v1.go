package model

import (
	"strings"
	"unicode"
)

// upgradeV1 gives a Smithy 1.0 model the meaning Smithy 2.0 gives it: sets
// are lists of unique items, strings with the @enum trait are enums (see
// upgradeEnums), and numbers and booleans without @box are non-optional
// with a zero default.
func upgradeV1(m *Model) {
	for _, id := range SortedIDs(m.Shapes) {
		s := m.Shapes[id]
		switch {
		case s.Prelude:
		case s.Type == Set:
			s.Traits[TraitUniqueItems] = map[string]any{}
		case (s.Type == Boolean || s.Type.IsNumber()) && !s.Traits.Has(TraitBox) && !s.Traits.Has(TraitDefault):
			if s.Type == Boolean {
				s.Traits[TraitDefault] = false
			} else {
				s.Traits[TraitDefault] = float64(0)
			}
		}
	}
}

// upgradeEnums turns strings with the @enum trait into enum shapes. Smithy
// 2.0 deprecates the trait but still accepts it (its own restJson1
// validation tests use it), with the meaning of an enum shape.
func upgradeEnums(m *Model) {
	for _, s := range m.Shapes {
		if s.Type == String && !s.Prelude && s.Traits.Has(TraitEnum) {
			enumFromTrait(s)
		}
	}
}

// enumFromTrait turns a string shape with @enum into an enum shape. A
// definition tagged "internal" becomes an @internal member, as Smithy's own
// conversion does: both are left out of the values validation messages list.
func enumFromTrait(s *Shape) {
	defs, _ := s.Traits[TraitEnum].([]any)
	s.Type = Enum
	for _, d := range defs {
		def, _ := d.(map[string]any)
		value, _ := def["value"].(string)
		name, _ := def["name"].(string)
		if name == "" {
			name = enumMemberName(value)
		}
		t := Traits{TraitEnumValue: value}
		if doc, ok := def["documentation"].(string); ok {
			t[TraitDocumentation] = doc
		}
		if dep, _ := def["deprecated"].(bool); dep {
			t[TraitDeprecated] = map[string]any{}
		}
		if tags, ok := def["tags"].([]any); ok {
			t[TraitTags] = tags
			for _, tag := range tags {
				if tag == "internal" {
					t[TraitInternal] = map[string]any{}
				}
			}
		}
		s.Members = append(s.Members, &Member{Name: name, Target: UnitID, Traits: t, Container: s, Pos: s.Pos})
	}
	delete(s.Traits, TraitEnum)
}

// enumMemberName makes a member name from an enum value, as Smithy's 1.0 to
// 2.0 conversion does: letters and digits, the rest as underscores.
func enumMemberName(value string) string {
	var b strings.Builder
	for _, r := range value {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteByte('_')
		}
	}
	name := strings.Trim(b.String(), "_")
	if name == "" || unicode.IsDigit(rune(name[0])) {
		name = "V" + name
	}
	return name
}
