package model

// The prelude: the shapes of smithy.api that every model may target without
// defining them. Trait shapes are left out; traits are kept by ID whatever
// they are.
var preludeTypes = map[string]ShapeType{
	"String":     String,
	"Blob":       Blob,
	"BigInteger": BigInteger,
	"BigDecimal": BigDecimal,
	"Timestamp":  Timestamp,
	"Document":   Document,
	"Boolean":    Boolean,
	"Byte":       Byte,
	"Short":      Short,
	"Integer":    Integer,
	"Long":       Long,
	"Float":      Float,
	"Double":     Double,
	"Unit":       Structure,

	// Smithy 2.0 keeps these for 1.0 models: non-optional, zero by default.
	"PrimitiveBoolean": Boolean,
	"PrimitiveByte":    Byte,
	"PrimitiveShort":   Short,
	"PrimitiveInteger": Integer,
	"PrimitiveLong":    Long,
	"PrimitiveFloat":   Float,
	"PrimitiveDouble":  Double,
}

// UnitID is the prelude's empty structure, the input or output of an
// operation that has none.
const UnitID ShapeID = "smithy.api#Unit"

func addPrelude(m *Model) {
	for name, typ := range preludeTypes {
		id := ShapeID("smithy.api#" + name)
		if _, ok := m.Shapes[id]; ok {
			continue
		}
		s := &Shape{ID: id, Type: typ, Traits: Traits{}, Prelude: true, Pos: Position{File: "prelude"}}
		if len(name) > 9 && name[:9] == "Primitive" {
			if typ == Boolean {
				s.Traits[TraitDefault] = false
			} else {
				s.Traits[TraitDefault] = float64(0)
			}
		}
		if name == "Unit" {
			s.Traits["smithy.api#unitType"] = map[string]any{}
		}
		m.Shapes[id] = s
	}
}
