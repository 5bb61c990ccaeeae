package e2e

import (
	"regexp"

	"github.com/smithygen/smithygen/internal/ecmaregex"
)

// patternMatcher tells whether a value maker's string matches a Smithy
// pattern. Go's regexp has no look-arounds: the translation marks where
// each one stands with an empty capture group, and the matcher checks the
// look-arounds at the marks of the match regexp finds. A string that
// passes certainly matches; one that fails might still match along
// another path, which costs the value maker no more than trying its next
// candidate. A look-around is checked on the text after (or before) its
// mark, so one that anchors to the start (or end) of the whole value is
// exact only at that start (or end), which is where the AWS models put
// them; the generated server, which checks the real pattern, has the last
// word in every round trip anyway.
type patternMatcher struct {
	re    *regexp.Regexp
	marks []int
	looks []lookMatcher
}

type lookMatcher struct {
	re               *regexp.Regexp
	marks            []int
	behind, negative bool
}

func newPatternMatcher(src string) (*patternMatcher, error) {
	p, err := ecmaregex.Translate(src)
	if err != nil {
		return nil, err
	}
	pm := &patternMatcher{marks: p.Marks}
	if pm.re, err = regexp.Compile(p.RE2); err != nil {
		return nil, err
	}
	for _, l := range p.Looks {
		// Anchored so that the look-around text starts (ends) at the mark.
		text := `^(?:` + l.RE2 + `)`
		if l.Behind {
			text = `(?:` + l.RE2 + `)$`
		}
		re, err := regexp.Compile(text)
		if err != nil {
			return nil, err
		}
		pm.looks = append(pm.looks, lookMatcher{re: re, marks: l.Marks, behind: l.Behind, negative: l.Negative})
	}
	return pm, nil
}

func (pm *patternMatcher) MatchString(s string) bool {
	loc := pm.re.FindStringSubmatchIndex(s)
	return loc != nil && pm.holds(s, 0, loc, pm.marks)
}

// holds checks the look-arounds marked in a match of text, which starts at
// offset off of s.
func (pm *patternMatcher) holds(s string, off int, loc, marks []int) bool {
	for i, look := range marks {
		if pos := loc[2*(i+1)]; pos >= 0 && !pm.lookHolds(s, off+pos, look) {
			return false
		}
	}
	return true
}

func (pm *patternMatcher) lookHolds(s string, pos, i int) bool {
	l := pm.looks[i]
	text, off := s[pos:], pos
	if l.behind {
		text, off = s[:pos], 0
	}
	loc := l.re.FindStringSubmatchIndex(text)
	found := loc != nil && pm.holds(s, off, loc, l.marks)
	return found != l.negative
}

// String is the regexp the value maker derives its strings from; the
// look-arounds' marks are empty groups in it, which add nothing.
func (pm *patternMatcher) String() string { return pm.re.String() }
