// Package model loads Smithy models (the JSON AST) into an intermediate
// representation that the generator reads. It knows nothing of Go code: it
// answers questions about shapes, members, traits and services.
package model

import (
	"sort"
	"strings"
)

// ShapeID is an absolute shape ID such as "com.example#Widget", or a member
// ID such as "com.example#Widget$name".
type ShapeID string

// Namespace is the part before '#'.
func (id ShapeID) Namespace() string {
	ns, _, _ := strings.Cut(string(id), "#")
	return ns
}

// Name is the shape name: the part after '#' and before any '$'.
func (id ShapeID) Name() string {
	_, rest, _ := strings.Cut(string(id), "#")
	name, _, _ := strings.Cut(rest, "$")
	return name
}

// ShapeType is a Smithy shape type as spelled in the JSON AST.
type ShapeType string

// The shape types of Smithy 2.0 (and "set", kept from 1.0 as a list with
// unique items).
const (
	Blob       ShapeType = "blob"
	Boolean    ShapeType = "boolean"
	String     ShapeType = "string"
	Byte       ShapeType = "byte"
	Short      ShapeType = "short"
	Integer    ShapeType = "integer"
	Long       ShapeType = "long"
	Float      ShapeType = "float"
	Double     ShapeType = "double"
	BigInteger ShapeType = "bigInteger"
	BigDecimal ShapeType = "bigDecimal"
	Timestamp  ShapeType = "timestamp"
	Document   ShapeType = "document"
	Enum       ShapeType = "enum"
	IntEnum    ShapeType = "intEnum"
	List       ShapeType = "list"
	Set        ShapeType = "set"
	Map        ShapeType = "map"
	Structure  ShapeType = "structure"
	Union      ShapeType = "union"
	Service    ShapeType = "service"
	Resource   ShapeType = "resource"
	Operation  ShapeType = "operation"
)

var knownTypes = map[ShapeType]bool{
	Blob: true, Boolean: true, String: true, Byte: true, Short: true,
	Integer: true, Long: true, Float: true, Double: true, BigInteger: true,
	BigDecimal: true, Timestamp: true, Document: true, Enum: true,
	IntEnum: true, List: true, Set: true, Map: true, Structure: true,
	Union: true, Service: true, Resource: true, Operation: true,
}

// IsSimple reports whether t is a simple (scalar) type, enums included.
func (t ShapeType) IsSimple() bool {
	switch t {
	case List, Set, Map, Structure, Union, Service, Resource, Operation:
		return false
	}
	return true
}

// IsNumber reports whether t is one of the number types.
func (t ShapeType) IsNumber() bool {
	switch t {
	case Byte, Short, Integer, Long, Float, Double, BigInteger, BigDecimal, IntEnum:
		return true
	}
	return false
}

// Position is where something was written in a model file.
type Position struct {
	File   string
	Line   int // 1-based; 0 when unknown
	Column int // 1-based, in bytes
}

// Model is a loaded model: every shape of the file plus the prelude.
type Model struct {
	File     string
	Version  string // the "smithy" version of the file
	Shapes   map[ShapeID]*Shape
	Metadata map[string]any
}

// Shape is one shape of the model.
type Shape struct {
	ID     ShapeID
	Type   ShapeType
	Traits Traits
	Pos    Position

	// Members of structures, unions, enums and intEnums, in model order.
	Members []*Member
	// Member of lists and sets; Key and Value of maps.
	Member, Key, Value *Member

	// Operations: the input and output structures (smithy.api#Unit when
	// the model names none) and the errors the operation declares itself.
	Input, Output ShapeID
	Errors        []ShapeID

	// Services and resources.
	Version    string
	Operations []ShapeID
	Resources  []ShapeID
	// Lifecycle operations of a resource, by name ("create", "read", ...).
	Lifecycle map[string]ShapeID
	// Rename maps shape IDs to the names a service gives them.
	Rename map[ShapeID]string

	// Prelude is true for the shapes of smithy.api that every model has.
	Prelude bool
}

// Member is a member of an aggregate shape.
type Member struct {
	Name      string
	Target    ShapeID
	Traits    Traits
	Container *Shape
	Pos       Position
}

// ID is the member's shape ID ("ns#Shape$member").
func (m *Member) ID() ShapeID { return ShapeID(string(m.Container.ID) + "$" + m.Name) }

// MemberNamed returns the member with the given name, or nil.
func (s *Shape) MemberNamed(name string) *Member {
	for _, m := range s.Members {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// Shape returns the shape with the given ID, or nil.
func (m *Model) Shape(id ShapeID) *Shape { return m.Shapes[id] }

// Target returns the shape a member targets.
func (m *Model) Target(mem *Member) *Shape { return m.Shapes[mem.Target] }

// SortedIDs returns the IDs of shapes, sorted, for stable output.
func SortedIDs(shapes map[ShapeID]*Shape) []ShapeID {
	ids := make([]ShapeID, 0, len(shapes))
	for id := range shapes {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// ChildMembers returns every member of s: the aggregate members, or the
// list member, or the map key and value.
func (s *Shape) ChildMembers() []*Member {
	switch {
	case s.Member != nil:
		return []*Member{s.Member}
	case s.Key != nil:
		return []*Member{s.Key, s.Value}
	}
	return s.Members
}
