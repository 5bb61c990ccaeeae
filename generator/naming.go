package generator

import (
	"strings"
	"unicode"
)

// exported turns a Smithy name into an exported Go identifier, keeping its
// casing otherwise, as the AWS SDK for Go v2 does: "appInstanceArn" becomes
// "AppInstanceArn", "AppInstanceArn" stays. Characters that Go does not allow
// in identifiers are dropped, and the letter after them is upper-cased.
func exported(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	s := b.String()
	if s == "" || unicode.IsDigit(rune(s[0])) {
		s = "X" + s
	}
	return s
}

// enumConstName is the Go constant name of an enum member: the enum type
// followed by the member name in Pascal case, as in the AWS SDK for Go v2:
// APNS_SANDBOX of AppInstanceUserEndpointType becomes
// AppInstanceUserEndpointTypeApnsSandbox; BadRequest of ErrorCode stays
// ErrorCodeBadRequest.
func enumConstName(typeName, member string) string {
	var b strings.Builder
	b.WriteString(typeName)
	for _, part := range strings.FieldsFunc(member, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if isUpper(part) {
			part = part[:1] + strings.ToLower(part[1:])
		}
		b.WriteString(exported(part))
	}
	return b.String()
}

func isUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// reservedNames are the identifiers every generated package declares itself;
// a shape may not take them.
var reservedNames = map[string]bool{
	"Service":                true,
	"UnimplementedService":   true,
	"NewHandler":             true,
	"HandlerOption":          true,
	"WithLogger":             true,
	"WithMaxBodyBytes":       true,
	"WithMaxDepth":           true,
	"WithSigV4":              true,
	"AccessKeyIDFromContext": true,
}
