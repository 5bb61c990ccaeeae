package htmldoc

import (
	"go/doc/comment"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/tidwall/gjson"
)

func TestDocText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"empty", "", 80, ""},
		{"blank", " \n\t ", 80, ""},
		{"only tags", "<p> </p><p></p>", 80, ""},
		{"code", "<p>Hello <code>World</code>.</p>", 80, "Hello World."},
		{"paragraphs", "<p>One.</p>\n   <p>Two.</p>", 80, "One.\n\nTwo."},
		{"text outside p", "Intro <p>Para.</p> Outro", 80, "Intro\n\nPara.\n\nOutro"},
		{"inline tags", "<p><b>Bold</b>, <i>it</i>, <strong>s</strong>, <em>e</em>, <span class=\"x\">sp</span><foo>an</foo></p>", 80, "Bold, it, s, e, span"},
		{"whitespace", "<p>  a \n\t b  </p>", 80, "a b"},
		{"br", "<p>a<br>b<br/>c <br /> d</p>", 80, "a\nb\nc\nd"},
		{"double br", "<p>a<br><br>b</p>", 80, "a\nb"},
		{"entities", "<p>a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; e&nbsp;f &#x41;&#66; &apos;</p>", 80, `a <b> & "c" 'd' e f AB '`},
		{"bare ampersand", "<p>Functionality & restrictions</p>", 80, "Functionality & restrictions"},
		{"comment", "<p>a<!-- hidden <p> -->b</p>", 80, "ab"},
		{
			"link", `<p>See <a href="https://example.com/guide">the guide</a> for more.</p>`, 80,
			"See [the guide] for more.\n\n[the guide]: https://example.com/guide",
		},
		{
			"link attrs and entities", `<p>See <a target="_blank" href='https://example.com/?a=1&amp;b=2'><code>Foo</code> docs</a>.</p>`, 80,
			"See [Foo docs].\n\n[Foo docs]: https://example.com/?a=1&b=2",
		},
		{"link without href", `<p>See <a name="x">this</a>.</p>`, 80, "See this."},
		{"relative link", `<p>See <a href="/chime/latest">this</a>.</p>`, 80, "See this."},
		{"link text is a URL", `<p>Use <a href="https://example.com">https://example.com</a>.</p>`, 80, "Use https://example.com."},
		{"link text with brackets", `<p><a href="https://example.com">[x]</a></p>`, 80, "[x]"},
		{"empty link", `<p>a<a href="https://example.com"> </a>b</p>`, 80, "a b"},
		{
			"duplicate link text", `<p><a href="https://a.example">Guide</a> and <a href="https://b.example">Guide</a>.</p><p>Again <a href="https://a.example">Guide</a>.</p>`, 80,
			"[Guide] and Guide.\n\nAgain Guide.\n\n[Guide]: https://a.example",
		},
		{
			"two links", `<p><a href="https://a.example">A</a> <a href="http://b.example/x y">B c</a></p>`, 80,
			"[A] [B c]\n\n[A]: https://a.example\n[B c]: http://b.example/x%20y",
		},
		{"unclosed link", `<p>a <a href="https://a.example">b</p><p>c</p>`, 80, "a b\n\nc"},
		{
			"list", "<p>Values:</p><ul><li><p>A</p></li><li>B</li></ul><p>End.</p>", 80,
			"Values:\n\n  - A\n  - B\n\nEnd.",
		},
		{"ordered list", "<ol><li>one</li><li>two</li></ol>", 80, "  - one\n  - two"},
		{
			"nested list", "<ul><li>A<ul><li>B</li><li>C</li></ul>after</li><li>D</li></ul>", 80,
			"  - A\n  - B\n  - C\n  - after\n  - D",
		},
		{"item paragraphs joined", "<ul><li><p>a</p><p>b</p></li></ul>", 80, "  - a b"},
		{
			"list item wrap", "<ul><li>aaaa bbbb cccc dddd eeee</li></ul>", 14,
			"  - aaaa bbbb\n    cccc dddd\n    eeee",
		},
		{
			"marker never starts an item line", "<ul><li>aaaa bbbb - cccc 1. dd</li></ul>", 14,
			"  - aaaa\n    bbbb -\n    cccc 1. dd",
		},
		{"marker after br in item", "<ul><li>a<br>- b</li></ul>", 80, "  - a - b"},
		{"br in item", "<ul><li>a<br>b</li></ul>", 80, "  - a\n    b"},
		{
			"note and important", "<p>Intro <note>Careful</note> end</p><important><p>Deprecated.</p></important>", 80,
			"Intro\n\nCareful\n\nend\n\nDeprecated.",
		},
		{"note in item", "<ul><li>a<note>n</note></li></ul>", 80, "  - a\n  - n"},
		{"definition list", "<dl><dt>Term</dt><dd>Definition.</dd></dl>", 80, "Term\n\nDefinition."},
		{
			"wrap", "<p>The quick brown fox jumps over the lazy dog.</p>", 20,
			"The quick brown fox\njumps over the lazy\ndog.",
		},
		{
			"long word", "<p>see https://example.com/a/very/long/path/that/does/not/fit here</p>", 20,
			"see\nhttps://example.com/a/very/long/path/that/does/not/fit\nhere",
		},
		{"no wrap", "<p>a b c d e f g h</p>", 0, "a b c d e f g h"},
		{"link text wraps", `<p>x <a href="https://e.example">one two three</a> y</p>`, 10, "x [one two\nthree] y\n\n[one two three]: https://e.example"},
		// Malformed HTML.
		{"unclosed tags", "<p>unclosed <b>bold", 80, "unclosed bold"},
		{"stray lt", "a < b and c<d", 80, "a < b and c<d"},
		{"stray lt in html", "<p>a < b and c > d</p>", 80, "a < b and c > d"},
		{"truncated tag", "<p>x</p", 80, "x</p"},
		{"lone lt", "<", 80, "<"},
		{"empty tag", "<p><>x</></p>", 80, "<>x</>"},
		{"unterminated attribute", `<p>a<a href="http://x>b</p>`, 80, `a<a href="http://x>b`},
		{"close without open", "</ul></li></p>x", 80, "x"},
		{"uppercase tags", "<P>A<BR>b</P>", 80, "A\nb"},
		// Not HTML at all.
		{"plain", "Just  text.", 80, "Just text."},
		{
			"plain paragraphs and bullets", "Just text.\n\nSecond\n  para.\n- item one\n  continued\n* item two\n\nEnd.", 80,
			"Just text.\n\nSecond para.\n\n  - item one continued\n  - item two\n\nEnd.",
		},
		{"plain indented", "    code-like\n\tline", 80, "code-like line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Text(tc.in, tc.width)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Text(%q, %d) mismatch (-want +got):\n%s", tc.in, tc.width, diff)
			}
			checkDocComment(t, got, tc.width)
		})
	}
}

// TestDocTextNoPanic feeds fragments of malformed markup.
func TestDocTextNoPanic(t *testing.T) {
	frags := []string{"<", ">", "</", "<a", "<a href", "<a href=", `<a href="`, "<!--", "<!", "<?", "<p", "<ul>", "<li>", "</ul>",
		"</li>", "<br", "&", "&#", "&#x", "&amp", "x", " ", "\n", `"`, "'", "=", "/", "<a href=https://e.example>", "</a>", "é", "-", "1."}
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		if depth == 0 {
			for _, w := range []int{0, 1, 5, 80} {
				out := Text(prefix, w)
				if strings.Contains(out, " \n") || strings.HasSuffix(out, " ") {
					t.Errorf("Text(%q): trailing white space in %q", prefix, out)
				}
			}
			return
		}
		for _, f := range frags {
			walk(prefix+f, depth-1)
		}
	}
	walk("", 3)
}

// anyTag matches an HTML tag: documentation that is nothing but tags
// (Lambda has a "<p></p>") has no text to keep.
var anyTag = regexp.MustCompile(`<[^>]*>`)

// knownDocTag matches tags of the kinds the AWS documentation uses.
var knownDocTag = regexp.MustCompile(`(?i)</?(p|code|a|i|b|important|note|li|ul|ol|dl|dt|dd|br|strong|em)[\s/>]`)

// TestDocTextModels converts every documentation trait in the AWS test
// models and checks the result is well-formed Go doc comment text.
func TestDocTextModels(t *testing.T) {
	files, err := filepath.Glob("../../model/testdata/aws/*/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 6 { // more arrive with each service tested end to end
		t.Fatalf("found %d model files, want 6 at least", len(files))
	}
	const width = 80
	docs, headings, lists := 0, 0, 0
	seen := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		walkTraits(gjson.ParseBytes(data), func(where, name string, v gjson.Result) {
			if name != "smithy.api#documentation" {
				return
			}
			docs++
			in := v.String()
			if seen[in] {
				return
			}
			seen[in] = true
			out := Text(in, width)
			if strings.TrimSpace(anyTag.ReplaceAllString(in, "")) != "" && out == "" {
				t.Errorf("%s: empty output", where)
			}
			if m := knownDocTag.FindString(out); m != "" && !strings.Contains(in, "&lt;") {
				t.Errorf("%s: tag %q survived in\n%s", where, m, out)
			}
			if strings.Contains(out, "\n- ") || strings.Contains(out, "  - ") {
				lists++
			}
			headings += checkDocComment(t, out, width)
		})
	}
	if docs < 1000 {
		t.Fatalf("only %d documentation traits found", docs)
	}
	t.Logf("%d documentation traits (%d distinct), %d with lists, %d old-style headings", docs, len(seen), lists, headings)
}

// checkDocComment checks the layout rules of Text output and that
// go/doc/comment reads it as intended: no code blocks, lists only where
// Text wrote list items, and printing it back gives the same text except
// that one-line paragraphs that look like titles become "# " headings. It
// returns the number of such headings.
func checkDocComment(t *testing.T, out string, width int) int {
	t.Helper()
	if out == "" {
		return 0
	}
	lines := strings.Split(out, "\n")
	inItem := false
	for i, line := range lines {
		if line != strings.TrimRight(line, " \t") {
			t.Errorf("line %d has trailing white space: %q", i, line)
		}
		switch {
		case strings.HasPrefix(line, "  - "):
			inItem = true
		case strings.HasPrefix(line, "    ") && inItem:
		case line != "" && (line[0] == ' ' || line[0] == '\t'):
			t.Errorf("line %d is indented but not part of a list item: %q", i, line)
		default:
			inItem = false
		}
		if width > 0 && utf8.RuneCountInString(line) > width && !docLinkDef.MatchString(line) {
			// Only a single word may overflow; a lone list marker is kept
			// with the word before it.
			f := strings.Fields(strings.TrimPrefix(line, "  - "))
			if len(f) > 2 || len(f) == 2 && !listMarkerWord(f[1]) {
				t.Errorf("line %d is longer than %d: %q", i, width, line)
			}
		}
	}

	unindented := false
	for _, line := range lines {
		unindented = unindented || line != "" && line[0] != ' '
	}
	if !unindented {
		// A comment that is nothing but list items is indented throughout,
		// and go/doc removes a common indentation before parsing, so it
		// reads a paragraph. gofmt leaves such a comment as it is.
		return 0
	}
	doc := new(comment.Parser).Parse(out)
	want := out + "\n"
	headings := 0
	for _, b := range doc.Content {
		switch b := b.(type) {
		case *comment.Code:
			t.Errorf("output parses with a code block %q:\n%s", b.Text, out)
		case *comment.Heading:
			text := headingText(b)
			if !strings.Contains("\n"+want, "\n"+text+"\n") {
				t.Errorf("heading %q is not one of the lines", text)
			}
			want = strings.Replace("\n"+want, "\n"+text+"\n", "\n# "+text+"\n", 1)[1:]
			headings++
		case *comment.List:
			if b.BlankBetween() {
				t.Errorf("loose list in\n%s", out)
			}
		}
	}
	got := string(new(comment.Printer).Comment(doc))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("go/doc/comment round trip differs (-want +got):\n%s", diff)
	}
	for _, l := range doc.Links {
		if !l.Used {
			t.Errorf("link definition %q is not used", l.Text)
		}
	}
	return headings
}

var docLinkDef = regexp.MustCompile(`^\[[^\]]+\]: \S+$`)

func headingText(h *comment.Heading) string {
	var b strings.Builder
	for _, x := range h.Text {
		if p, ok := x.(comment.Plain); ok {
			b.WriteString(string(p))
		}
	}
	return b.String()
}
