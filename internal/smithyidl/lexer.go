package smithyidl

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token of the IDL.
type tokKind int

const (
	tokEOF    tokKind = iota
	tokIdent          // identifier or shape ID: letters, digits, _ . # $
	tokString         // "quoted" or """text block""", already unescaped
	tokNumber         // JSON number text
	tokDoc            // one /// documentation line, without the slashes
	tokPunct          // one of { } [ ] ( ) : = @ , or :=
)

type token struct {
	kind      tokKind
	text      string
	line, col int
}

func (t token) String() string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokString:
		return strconv.Quote(t.text)
	}
	return "'" + t.text + "'"
}

// lex splits src into tokens. Commas are whitespace in the IDL; they are
// dropped here. Ordinary // comments are dropped; /// lines are kept as
// documentation tokens.
func lex(file string, src []byte) ([]token, error) {
	l := &lexer{file: file, src: strings.TrimPrefix(string(src), "\ufeff"), line: 1, col: 1}
	var toks []token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tokEOF {
			return toks, nil
		}
	}
}

type lexer struct {
	file      string
	src       string
	pos       int
	line, col int
}

func (l *lexer) errorf(line, col int, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", l.file, line, col, fmt.Sprintf(format, args...))
}

func (l *lexer) advance(n int) {
	for i := 0; i < n && l.pos < len(l.src); i++ {
		if l.src[l.pos] == '\n' {
			l.line++
			l.col = 1
		} else {
			l.col++
		}
		l.pos++
	}
}

func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',':
			l.advance(1)
		case strings.HasPrefix(l.src[l.pos:], "///"):
			line, col := l.line, l.col
			end := strings.IndexByte(l.src[l.pos:], '\n')
			if end < 0 {
				end = len(l.src) - l.pos
			}
			text := strings.TrimSuffix(l.src[l.pos+3:l.pos+end], "\r")
			text = strings.TrimPrefix(text, " ")
			l.advance(end)
			return token{kind: tokDoc, text: text, line: line, col: col}, nil
		case strings.HasPrefix(l.src[l.pos:], "//"):
			end := strings.IndexByte(l.src[l.pos:], '\n')
			if end < 0 {
				end = len(l.src) - l.pos
			}
			l.advance(end)
		default:
			return l.token()
		}
	}
	return token{kind: tokEOF, line: l.line, col: l.col}, nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '.' || c == '#' || c == '$' ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func (l *lexer) token() (token, error) {
	line, col := l.line, l.col
	rest := l.src[l.pos:]
	c := rest[0]
	switch {
	case strings.HasPrefix(rest, ":="):
		l.advance(2)
		return token{kind: tokPunct, text: ":=", line: line, col: col}, nil
	case strings.IndexByte("{}[]():=@", c) >= 0:
		l.advance(1)
		return token{kind: tokPunct, text: string(c), line: line, col: col}, nil
	case strings.HasPrefix(rest, `"""`):
		return l.textBlock()
	case c == '"':
		s, n, err := unquote(rest[1:], false)
		if err != nil {
			return token{}, l.errorf(line, col, "%v", err)
		}
		l.advance(n + 1)
		return token{kind: tokString, text: s, line: line, col: col}, nil
	case c == '-' || '0' <= c && c <= '9':
		n := 1
		for n < len(rest) && strings.IndexByte("0123456789.eE+-", rest[n]) >= 0 {
			n++
		}
		l.advance(n)
		return token{kind: tokNumber, text: rest[:n], line: line, col: col}, nil
	case isIdentByte(c):
		n := 1
		for n < len(rest) && isIdentByte(rest[n]) {
			n++
		}
		l.advance(n)
		return token{kind: tokIdent, text: rest[:n], line: line, col: col}, nil
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return token{}, l.errorf(line, col, "unexpected character %q", r)
}

// unquote reads an escaped string up to its closing quote (or, for a text
// block, up to """), returning the value and the bytes consumed including
// the closing quote(s).
func unquote(s string, block bool) (string, int, error) {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case !block && c == '"':
			return b.String(), i + 1, nil
		case block && strings.HasPrefix(s[i:], `"""`):
			return b.String(), i + 3, nil
		case c == '\\':
			if i+1 >= len(s) {
				return "", 0, fmt.Errorf("unterminated string")
			}
			e := s[i+1]
			i += 2
			switch e {
			case '"', '\\', '/', '\'':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case '\n': // line continuation
			case 'u':
				if i+4 > len(s) {
					return "", 0, fmt.Errorf("short \\u escape")
				}
				v, err := strconv.ParseUint(s[i:i+4], 16, 32)
				if err != nil {
					return "", 0, fmt.Errorf("bad \\u escape %q", s[i:i+4])
				}
				b.WriteRune(rune(v))
				i += 4
			default:
				return "", 0, fmt.Errorf("unknown escape \\%c", e)
			}
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			b.WriteByte('\n')
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}

// textBlock reads a """ block. Its incidental indentation is removed as
// the IDL specifies: the opening line break is dropped, the smallest
// indentation of the non-blank lines and the closing line is removed from
// every line, and trailing spaces are removed from every line. Escapes are
// interpreted after that, so an escaped line break or indentation stays.
func (l *lexer) textBlock() (token, error) {
	line, col := l.line, l.col
	rest := l.src[l.pos+3:]
	end := -1
	for i := 0; i < len(rest); i++ {
		if rest[i] == '\\' {
			i++
			continue
		}
		if strings.HasPrefix(rest[i:], `"""`) {
			end = i
			break
		}
	}
	if end < 0 {
		return token{}, l.errorf(line, col, "unterminated text block")
	}
	raw := strings.ReplaceAll(rest[:end], "\r\n", "\n")
	if !strings.HasPrefix(raw, "\n") {
		return token{}, l.errorf(line, col, "a text block starts with a line break after \"\"\"")
	}
	lines := strings.Split(raw[1:], "\n")
	indent := -1
	for i, ln := range lines {
		last := i == len(lines)-1
		if strings.TrimSpace(ln) == "" && !last {
			continue
		}
		n := len(ln) - len(strings.TrimLeft(ln, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, ln := range lines {
		if len(ln) >= indent {
			ln = ln[indent:]
		} else {
			ln = strings.TrimLeft(ln, " \t")
		}
		lines[i] = strings.TrimRight(ln, " \t")
	}
	text, _, err := unquote(strings.Join(lines, "\n")+`"""`, true)
	if err != nil {
		return token{}, l.errorf(line, col, "%v", err)
	}
	l.advance(3 + end + 3)
	return token{kind: tokString, text: text, line: line, col: col}, nil
}
