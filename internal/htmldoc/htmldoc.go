// Package htmldoc converts Smithy @documentation, the HTML subset AWS
// models use, into Go doc comment text.
package htmldoc

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text converts Smithy @documentation (AWS's HTML subset) into plain Go
// doc comment text (without the // prefix), wrapped at width columns. A width
// of zero or less disables wrapping.
//
// The output follows the conventions of the AWS SDK for Go v2 and of
// go/doc/comment (Go 1.19 syntax), so that gofmt leaves it alone:
//
//   - <p> and the other block elements become paragraphs separated by a blank
//     line; <note> and <important> start a new paragraph;
//   - <ul>/<ol> items become "  - item" list items, nested lists flattened,
//     several paragraphs of one item joined; continuation lines are indented
//     by four spaces, which is how gofmt prints list items;
//   - <a href="URL">text</a> becomes [text] in the body, the first time that
//     text is linked, and a link definition "[text]: URL" in a final block;
//     links without an absolute URL, whose text contains brackets or is
//     itself a URL, or whose text was already defined keep just their text;
//   - <br> forces a line break; every other tag (<code>, <b>, <i>, unknown
//     ones) is dropped and its text kept; entities are decoded and runs of
//     white space collapsed.
//
// No line starts with white space except list items, since an indented line
// would make go/doc render a code block, and no line is longer than width
// unless it holds a single word (a URL, say). Documentation that contains no
// HTML at all is split into paragraphs at blank lines, with Markdown-style
// "- " or "* " lines becoming list items, and otherwise only has its white
// space normalised.
//
// Text never panics on malformed HTML: an unclosed tag is ignored, and a
// '<' that does not start a well-formed tag is kept as text.
func Text(html string, width int) string {
	if strings.TrimSpace(html) == "" {
		return ""
	}
	var blocks []*docBlock
	if looksLikeHTML(html) {
		blocks = parseHTMLDoc(html)
	} else {
		blocks = parsePlainDoc(html)
	}
	return renderDoc(blocks, width)
}

// docBlock is a paragraph or a list item: text with single spaces between
// words, '\n' for forced line breaks, and the byte spans of links in it.
type docBlock struct {
	item  bool
	text  string
	links []docLink
}

type docLink struct {
	start, end int
	url        string
}

// blockBuilder accumulates the text of the block being read, collapsing
// white space on the way.
type blockBuilder struct {
	b     strings.Builder
	space bool // white space seen since the last word
	item  bool
	links []docLink
}

func (bb *blockBuilder) empty() bool { return bb.b.Len() == 0 }

func (bb *blockBuilder) lastByte() byte {
	s := bb.b.String()
	if s == "" {
		return 0
	}
	return s[len(s)-1]
}

// word starts a non-space run: it emits a pending separator.
func (bb *blockBuilder) beforeWord() {
	if bb.space && !bb.empty() && bb.lastByte() != '\n' {
		bb.b.WriteByte(' ')
	}
	bb.space = false
}

func (bb *blockBuilder) lineBreak() {
	if !bb.empty() && bb.lastByte() != '\n' {
		bb.b.WriteByte('\n')
	}
	bb.space = false
}

func (bb *blockBuilder) block() *docBlock {
	text := strings.TrimRight(bb.b.String(), "\n")
	if text == "" {
		return nil
	}
	var links []docLink
	for _, l := range bb.links {
		if l.end > len(text) {
			l.end = len(text)
		}
		if l.start < l.end {
			links = append(links, l)
		}
	}
	return &docBlock{item: bb.item, text: text, links: links}
}

// docParser turns an HTML token stream into blocks.
type docParser struct {
	blocks    []*docBlock
	cur       *blockBuilder
	listDepth int
	inItem    bool // inside <li> (or after one, in a list) until the next block starts

	// The open <a href>: anchorURL is set while it is open; anchorStart is
	// the offset of its first character, or -1 before any.
	anchorOpen  bool
	anchorURL   string
	anchorStart int
	anchorBlock *blockBuilder
}

func (p *docParser) flush() {
	if p.cur != nil {
		if b := p.cur.block(); b != nil {
			p.blocks = append(p.blocks, b)
		}
	}
	p.cur = nil
	if p.anchorOpen {
		// A link cannot span blocks; keep its text, drop the link.
		p.anchorURL = ""
	}
}

// builder returns the current block, starting one if needed.
func (p *docParser) builder() *blockBuilder {
	if p.cur == nil {
		p.cur = &blockBuilder{item: p.inItem || p.listDepth > 0}
	}
	return p.cur
}

func (p *docParser) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			if p.cur != nil {
				p.cur.space = true
			}
			continue
		}
		bb := p.builder()
		bb.beforeWord()
		if p.anchorOpen && p.anchorURL != "" && p.anchorStart < 0 {
			p.anchorStart = bb.b.Len()
			p.anchorBlock = bb
		}
		bb.b.WriteRune(r)
	}
}

// blockBoundary handles tags that separate paragraphs. Inside a list item
// they only separate words: go/doc list items are single paragraphs here.
func (p *docParser) blockBoundary() {
	if p.cur != nil && p.cur.item {
		p.cur.space = true
		return
	}
	p.flush()
}

var docBlockTags = map[string]bool{
	"p": true, "div": true, "dl": true, "dt": true, "dd": true, "pre": true,
	"blockquote": true, "note": true, "important": true, "table": true,
	"tr": true, "section": true, "fullname": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "hr": true,
}

func (p *docParser) tag(t htmlTag) {
	switch {
	case t.name == "br":
		if p.cur != nil {
			p.cur.lineBreak()
		}
	case t.name == "a":
		if t.closing {
			if p.anchorOpen && p.anchorURL != "" && p.anchorStart >= 0 && p.anchorBlock == p.cur && p.cur != nil {
				p.cur.links = append(p.cur.links, docLink{start: p.anchorStart, end: p.cur.b.Len(), url: p.anchorURL})
			}
			p.anchorOpen = false
			return
		}
		if p.anchorOpen || t.selfClosing {
			return // nested anchors are invalid HTML; keep the outer one
		}
		p.anchorOpen, p.anchorURL, p.anchorStart, p.anchorBlock = true, t.href, -1, nil
	case t.name == "ul" || t.name == "ol":
		p.flush()
		if t.closing {
			if p.listDepth > 0 {
				p.listDepth--
			}
			p.inItem = false
		} else if !t.selfClosing {
			p.listDepth++
		}
	case t.name == "li":
		p.flush()
		p.inItem = !t.closing && !t.selfClosing
	case t.name == "note" || t.name == "important":
		// These asides always start a new paragraph, even in a list item.
		p.flush()
	case docBlockTags[t.name]:
		p.blockBoundary()
	}
}

func parseHTMLDoc(s string) []*docBlock {
	p := &docParser{}
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			p.text(html.UnescapeString(s))
			break
		}
		if i > 0 {
			p.text(html.UnescapeString(s[:i]))
			s = s[i:]
		}
		if strings.HasPrefix(s, "<!--") {
			if j := strings.Index(s[4:], "-->"); j >= 0 {
				s = s[4+j+3:]
			} else {
				s = ""
			}
			continue
		}
		if strings.HasPrefix(s, "<!") || strings.HasPrefix(s, "<?") {
			// Doctype or processing instruction.
			if j := strings.IndexByte(s, '>'); j >= 0 {
				s = s[j+1:]
				continue
			}
		}
		if t, n, ok := parseHTMLTag(s); ok {
			p.tag(t)
			s = s[n:]
			continue
		}
		p.text("<")
		s = s[1:]
	}
	p.flush()
	return p.blocks
}

type htmlTag struct {
	name        string // lower case
	closing     bool
	selfClosing bool
	href        string
}

// parseHTMLTag parses the tag at the start of s ("<name attr=...>" or
// "</name>"), returning it and its length. Anything that is not a complete
// tag, such as "a < b" or "<b" without its '>', is not one.
func parseHTMLTag(s string) (htmlTag, int, bool) {
	var t htmlTag
	i := 1
	if i < len(s) && s[i] == '/' {
		t.closing = true
		i++
	}
	start := i
	for i < len(s) && (isASCIILetter(s[i]) || i > start && (s[i] >= '0' && s[i] <= '9' || s[i] == '-' || s[i] == ':')) {
		i++
	}
	if i == start {
		return t, 0, false
	}
	t.name = strings.ToLower(s[start:i])
	// Attributes: name, name=value, name="value", name='value'.
	for {
		j := i
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return t, 0, false
		}
		switch s[i] {
		case '>':
			return t, i + 1, true
		case '/':
			if i+1 < len(s) && s[i+1] == '>' {
				t.selfClosing = true
				return t, i + 2, true
			}
			i++
			continue
		case '<':
			return t, 0, false
		}
		if i == j {
			// An attribute must be separated from what precedes it.
			return t, 0, false
		}
		as := i
		for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/' && s[i] != '<' {
			i++
		}
		attr := strings.ToLower(s[as:i])
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			continue
		}
		i++
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return t, 0, false
		}
		var val string
		if q := s[i]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return t, 0, false
			}
			val = s[i+1 : i+1+end]
			i += end + 2
		} else {
			vs := i
			for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '>' && s[i] != '<' {
				i++
			}
			val = s[vs:i]
		}
		if attr == "href" {
			t.href = html.UnescapeString(val)
		}
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// looksLikeHTML reports whether s contains a tag or an entity.
func looksLikeHTML(s string) bool {
	if strings.Contains(s, "&") && html.UnescapeString(s) != s {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '<' {
			if strings.HasPrefix(s[i:], "<!--") {
				return true
			}
			if _, _, ok := parseHTMLTag(s[i:]); ok {
				return true
			}
		}
	}
	return false
}

// parsePlainDoc handles documentation without markup: blank lines separate
// paragraphs, and lines starting with "- ", "* " or "+ " are list items that
// continue until the next item or blank line.
func parsePlainDoc(s string) []*docBlock {
	var blocks []*docBlock
	var cur *blockBuilder
	flush := func() {
		if cur != nil {
			if b := cur.block(); b != nil {
				blocks = append(blocks, b)
			}
		}
		cur = nil
	}
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			flush()
			continue
		}
		if len(t) >= 2 && strings.ContainsRune("-*+", rune(t[0])) && (t[1] == ' ' || t[1] == '\t') {
			flush()
			cur = &blockBuilder{item: true}
			t = t[2:]
		}
		if cur == nil {
			cur = &blockBuilder{}
		}
		cur.space = true
		for _, r := range t {
			if unicode.IsSpace(r) {
				cur.space = true
				continue
			}
			cur.beforeWord()
			cur.b.WriteRune(r)
		}
	}
	flush()
	return blocks
}

// renderDoc links, wraps and joins the blocks.
func renderDoc(blocks []*docBlock, width int) string {
	type def struct{ text, url string }
	var defs []def
	defined := map[string]bool{}
	for _, b := range blocks {
		type ins struct{ start, end int }
		var marks []ins
		for _, l := range b.links {
			text := strings.Join(strings.Fields(b.text[l.start:l.end]), " ")
			url := strings.Join(strings.Fields(l.url), "%20")
			if text == "" || defined[text] || !absoluteURL(url) ||
				strings.ContainsAny(text, "[]") || strings.Contains(text, "://") {
				continue
			}
			defined[text] = true
			defs = append(defs, def{text, url})
			marks = append(marks, ins{l.start, l.end})
		}
		for i := len(marks) - 1; i >= 0; i-- {
			m := marks[i]
			b.text = b.text[:m.start] + "[" + b.text[m.start:m.end] + "]" + b.text[m.end:]
		}
	}

	var out []string
	for i, b := range blocks {
		if i > 0 && !(b.item && blocks[i-1].item) {
			out = append(out, "")
		}
		out = append(out, wrapBlock(b, width)...)
	}
	if len(defs) > 0 {
		out = append(out, "")
		for _, d := range defs {
			out = append(out, "["+d.text+"]: "+d.url)
		}
	}
	return strings.Join(out, "\n")
}

// absoluteURL reports whether u has the scheme:// form go/doc requires of a
// link definition.
func absoluteURL(u string) bool {
	i := strings.Index(u, "://")
	if i <= 0 || i+3 == len(u) {
		return false
	}
	for j := 0; j < i; j++ {
		c := u[j]
		if !isASCIILetter(c) && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// listMarkerWord reports whether w, at the start of a line, would make
// go/doc read a list item ("-", "*", "+", "•", "1.", "2)") or, for '#', a
// heading. Such words are kept on the line of the word before them.
func listMarkerWord(w string) bool {
	switch w {
	case "-", "*", "+", "•", "#":
		return true
	}
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	return n > 0 && n == len(w)-1 && (w[n] == '.' || w[n] == ')')
}

func wrapBlock(b *docBlock, width int) []string {
	first, rest := "", ""
	if b.item {
		first, rest = "  - ", "    "
	}
	var lines []string
	prefix := first
	segments := strings.Split(b.text, "\n")
	// A forced break must not make a continuation line of a list item
	// start with a list marker, which would begin a new item.
	for i := 1; i < len(segments); i++ {
		if f := strings.Fields(segments[i]); len(f) > 0 && listMarkerWord(f[0]) {
			segments[i-1] += " " + segments[i]
			segments = append(segments[:i], segments[i+1:]...)
			i--
		}
	}
	for _, seg := range segments {
		var units []string
		for _, w := range strings.Fields(seg) {
			if listMarkerWord(w) && len(units) > 0 {
				units[len(units)-1] += " " + w
				continue
			}
			units = append(units, w)
		}
		if len(units) == 0 {
			continue
		}
		line := prefix + units[0]
		n := utf8.RuneCountInString(line)
		for _, u := range units[1:] {
			un := utf8.RuneCountInString(u)
			if width > 0 && n+1+un > width {
				lines = append(lines, line)
				prefix = rest
				line, n = rest+u, utf8.RuneCountInString(rest)+un
				continue
			}
			line += " " + u
			n += 1 + un
		}
		lines = append(lines, line)
		prefix = rest
	}
	return lines
}
