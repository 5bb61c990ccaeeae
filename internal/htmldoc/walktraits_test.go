package htmldoc

import "github.com/tidwall/gjson"

// walkTraits calls fn for every trait of every shape and member in a Smithy
// JSON AST. Trait names contain '#' and '.', which gjson paths would treat
// specially, so the walk iterates instead of querying by path.
func walkTraits(model gjson.Result, fn func(where, name string, v gjson.Result)) {
	model.Get("shapes").ForEach(func(shapeID, shape gjson.Result) bool {
		shape.Get("traits").ForEach(func(k, v gjson.Result) bool {
			fn(shapeID.String(), k.String(), v)
			return true
		})
		shape.Get("members").ForEach(func(member, m gjson.Result) bool {
			m.Get("traits").ForEach(func(k, v gjson.Result) bool {
				fn(shapeID.String()+"$"+member.String(), k.String(), v)
				return true
			})
			return true
		})
		return true
	})
}
