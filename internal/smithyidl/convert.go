// Package smithyidl converts Smithy IDL 2.0 files into one Smithy JSON AST
// model, as `smithy build` would write it: relative shape IDs resolved,
// documentation comments turned into @documentation, inline inputs and
// outputs made shapes of their own, `apply` statements merged into the
// shapes they target. Mixins stay mixins; the model loader flattens them.
//
// It exists so that Smithy's own test models, which are published only as
// IDL, can be used without the Smithy CLI.
package smithyidl

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Converter collects the shapes of the files given to AddFile.
type Converter struct {
	shapes   map[string]*shapeDef
	metadata *object
	applies  []application
	elided   []*memberDef
}

type shapeDef struct {
	id       string
	ctx      *fileCtx
	tok      token
	body     *object // type, then members or properties
	traits   traitList
	mixins   []ref
	resource *ref
}

type memberDef struct {
	name   string
	tok    token
	target *ref // nil while elided ($name)
	traits traitList
	owner  *shapeDef
}

type application struct {
	target ref
	traits traitList
}

// New returns an empty converter.
func New() *Converter {
	return &Converter{shapes: map[string]*shapeDef{}, metadata: newObject()}
}

// AddFile parses one IDL file. Errors name file:line:col.
func (c *Converter) AddFile(name string, src []byte) error {
	toks, err := lex(name, src)
	if err != nil {
		return err
	}
	p := &parser{c: c, toks: toks, ctx: &fileCtx{file: name, uses: map[string]string{}},
		inputSuffix: "Input", outputSuffix: "Output"}
	return p.file()
}

func (c *Converter) define(def *shapeDef) error {
	if old, ok := c.shapes[def.id]; ok {
		return fmt.Errorf("%s:%d:%d: shape %s is already defined at %s:%d:%d", def.ctx.file, def.tok.line, def.tok.col,
			def.id, old.ctx.file, old.tok.line, old.tok.col)
	}
	c.shapes[def.id] = def
	return nil
}

// addMetadata merges a metadata entry: lists from several files are
// concatenated, as Smithy does.
func (c *Converter) addMetadata(key string, v any) {
	if old, ok := c.metadata.get(key); ok {
		if a, ok := old.([]any); ok {
			if b, ok := v.([]any); ok {
				c.metadata.set(key, append(a, b...))
				return
			}
		}
	}
	c.metadata.set(key, v)
}

// AST is a converted model.
type AST struct {
	metadata *object
	shapes   *object // absolute ID -> shape, sorted
}

// Build resolves every shape ID and returns the model.
func (c *Converter) Build() (*AST, error) {
	if err := c.applyAll(); err != nil {
		return nil, err
	}
	if err := c.fillElided(); err != nil {
		return nil, err
	}
	shapes := newObject()
	for id, def := range c.shapes {
		s, err := c.shapeJSON(def)
		if err != nil {
			return nil, err
		}
		shapes.set(id, s)
	}
	shapes.sortKeys()
	meta, err := c.resolve(c.metadata)
	if err != nil {
		return nil, err
	}
	return &AST{metadata: meta.(*object), shapes: shapes}, nil
}

func (c *Converter) shapeJSON(def *shapeDef) (*object, error) {
	out := newObject()
	for _, k := range def.body.keys {
		if k == "type" && len(def.mixins) > 0 {
			out.set("type", def.body.vals[k])
			var mixins []any
			for _, m := range def.mixins {
				mixins = append(mixins, targetOf(m))
			}
			v, err := c.resolve(mixins)
			if err != nil {
				return nil, err
			}
			out.set("mixins", v)
			continue
		}
		v, err := c.resolve(def.body.vals[k])
		if err != nil {
			return nil, err
		}
		out.set(k, v)
	}
	if len(def.traits) > 0 {
		t, err := c.resolve(def.traits)
		if err != nil {
			return nil, err
		}
		out.set("traits", t)
	}
	return out, nil
}

// applyAll adds the traits of `apply` statements to their shapes. A list
// trait applied more than once (several apply blocks of test cases) is
// the concatenation of the lists.
func (c *Converter) applyAll() error {
	for _, a := range c.applies {
		id, err := c.resolveRef(a.target)
		if err != nil {
			return err
		}
		shapeID, member, _ := strings.Cut(id, "$")
		def, ok := c.shapes[shapeID]
		if !ok {
			return c.errorAt(a.target, "apply to %s, which is not defined", id)
		}
		if member == "" {
			def.traits = append(def.traits, a.traits...)
			continue
		}
		m := def.member(member)
		if m == nil {
			return c.errorAt(a.target, "apply to %s: %s has no member %s", id, shapeID, member)
		}
		m.traits = append(m.traits, a.traits...)
	}
	return nil
}

func (def *shapeDef) member(name string) *memberDef {
	if ms, ok := def.body.get("members"); ok {
		if m, ok := ms.(*object).get(name); ok {
			return m.(*memberDef)
		}
		return nil
	}
	if m, ok := def.body.get(name); ok {
		if md, ok := m.(*memberDef); ok {
			return md
		}
	}
	return nil
}

// fillElided gives each `$name` member the target of the member of the
// same name in a mixin, or of the identifier or property of the resource.
func (c *Converter) fillElided() error {
	for _, m := range c.elided {
		t, err := c.elidedTarget(m.owner, m.name, 0)
		if err != nil {
			return err
		}
		if t == nil {
			return c.errorAt(ref{ctx: m.owner.ctx, tok: m.tok}, "the target of $%s is in no mixin or resource of %s", m.name, m.owner.id)
		}
		m.target = t
	}
	return nil
}

func (c *Converter) elidedTarget(def *shapeDef, name string, depth int) (*ref, error) {
	if depth > 32 {
		return nil, c.errorAt(ref{ctx: def.ctx, tok: def.tok}, "mixin cycle through %s", def.id)
	}
	for _, mr := range def.mixins {
		id, err := c.resolveRef(mr)
		if err != nil {
			return nil, err
		}
		mix, ok := c.shapes[id]
		if !ok {
			continue
		}
		if m := mix.member(name); m != nil && m.target != nil {
			return m.target, nil
		}
		if t, err := c.elidedTarget(mix, name, depth+1); t != nil || err != nil {
			return t, err
		}
	}
	if def.resource == nil {
		return nil, nil
	}
	id, err := c.resolveRef(*def.resource)
	if err != nil {
		return nil, err
	}
	res, ok := c.shapes[id]
	if !ok {
		return nil, c.errorAt(*def.resource, "resource %s is not defined", id)
	}
	for _, k := range []string{"identifiers", "properties"} {
		if o, ok := res.body.get(k); ok {
			if t, ok := o.(*object).get(name); ok {
				if r, ok := t.(*object).vals["target"].(ref); ok {
					return &r, nil
				}
			}
		}
	}
	return nil, nil
}

func (c *Converter) errorAt(r ref, format string, args ...any) error {
	file := ""
	if r.ctx != nil {
		file = r.ctx.file
	}
	return fmt.Errorf("%s:%d:%d: %s", file, r.tok.line, r.tok.col, fmt.Sprintf(format, args...))
}

// resolve turns the parsed tree into plain JSON values.
func (c *Converter) resolve(v any) (any, error) {
	switch v := v.(type) {
	case ref:
		return c.resolveRef(v)
	case *object:
		out := newObject()
		for _, k := range v.keys {
			r, err := c.resolve(v.vals[k])
			if err != nil {
				return nil, err
			}
			out.set(k, r)
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			r, err := c.resolve(e)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case traitList:
		out := newObject()
		for _, t := range v {
			id, err := c.resolveRef(t.name)
			if err != nil {
				return nil, err
			}
			val, err := c.resolve(t.value)
			if err != nil {
				return nil, err
			}
			if old, ok := out.get(id); ok {
				a, aok := old.([]any)
				b, bok := val.([]any)
				if !aok || !bok {
					return nil, c.errorAt(t.name, "trait %s applied twice", id)
				}
				val = append(a, b...)
			}
			out.set(id, val)
		}
		return out, nil
	case *memberDef:
		out := newObject()
		t, err := c.resolveRef(*v.target)
		if err != nil {
			return nil, err
		}
		out.set("target", t)
		if len(v.traits) > 0 {
			tr, err := c.resolve(v.traits)
			if err != nil {
				return nil, err
			}
			out.set("traits", tr)
		}
		return out, nil
	}
	return v, nil
}

// resolveRef resolves a shape ID as the IDL says: absolute as written;
// else a name imported by `use`, a shape of the file's namespace, a shape
// or trait of the prelude, in that order. A target that is none of these is
// taken to be in the file's namespace; an unquoted word in a trait value
// stays the word.
func (c *Converter) resolveRef(r ref) (string, error) {
	if strings.Contains(r.name, "#") {
		return r.name, nil
	}
	base, member, hasMember := strings.Cut(r.name, "$")
	suffix := ""
	if hasMember {
		suffix = "$" + member
	}
	if id, ok := r.ctx.uses[base]; ok {
		return id + suffix, nil
	}
	if _, ok := c.shapes[r.ctx.ns+"#"+base]; ok {
		return r.ctx.ns + "#" + base + suffix, nil
	}
	if preludeNames[base] {
		return "smithy.api#" + base + suffix, nil
	}
	if !r.target {
		return r.name, nil
	}
	if r.ctx.ns == "" {
		return "", c.errorAt(r, "cannot resolve %s: no namespace", r.name)
	}
	return r.ctx.ns + "#" + base + suffix, nil
}

// DropDangling removes from services and resources the operations and
// resources whose shapes are not in the model (those of files left out),
// and returns their IDs.
func (a *AST) DropDangling() []string {
	var dropped []string
	for _, id := range a.shapes.keys {
		s := a.shapes.vals[id].(*object)
		for _, k := range []string{"operations", "collectionOperations", "resources"} {
			list, ok := s.vals[k].([]any)
			if !ok {
				continue
			}
			kept := []any{}
			for _, e := range list {
				t, _ := e.(*object).vals["target"].(string)
				if _, ok := a.shapes.vals[t]; ok {
					kept = append(kept, e)
				} else {
					dropped = append(dropped, t)
				}
			}
			s.set(k, kept)
		}
	}
	sort.Strings(dropped)
	return dropped
}

// JSON writes the model as an indented Smithy JSON AST.
func (a *AST) JSON() ([]byte, error) {
	root := newObject()
	root.set("smithy", "2.0")
	if a.metadata.len() > 0 {
		root.set("metadata", a.metadata)
	}
	root.set("shapes", a.shapes)
	b, err := json.MarshalIndent(root, "", "    ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// preludeNames are the shapes and traits of smithy.api.
var preludeNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`
		String Blob BigInteger BigDecimal Timestamp Document Boolean Byte Short
		Integer Long Float Double Unit PrimitiveBoolean PrimitiveByte
		PrimitiveShort PrimitiveInteger PrimitiveLong PrimitiveFloat
		PrimitiveDouble
		addedDefault auth authDefinition box clientOptional cors default
		deprecated documentation endpoint enum enumValue error eventHeader
		eventPayload examples externalDocumentation hostLabel http
		httpApiKeyAuth httpBasicAuth httpBearerAuth httpChecksumRequired
		httpDigestAuth httpError httpHeader httpLabel httpPayload
		httpPrefixHeaders httpQuery httpQueryParams httpResponseCode
		idRef idempotencyToken idempotent input internal jsonName length
		mediaType mixin nestedProperties noReplace notProperty optionalAuth
		output paginated pattern private property protocolDefinition range
		readonly recommended references required requestCompression
		requiresLength resourceIdentifier retryable sensitive since sparse
		streaming suppress tags timestampFormat title trait traitValidators
		uniqueItems unitType unstable xmlAttribute xmlFlattened xmlName
		xmlNamespace`) {
		m[n] = true
	}
	return m
}()
