// Command patterntable re-derives internal/ecmaregex/testdata/patterns.jsonl,
// the table that proves the pattern translation right: every distinct
// @pattern of a model corpus, with strings it must accept and strings it
// must reject, as a reference engine decides.
//
//	go run ./internal/ecmaregex/patterntable -corpus ../shared/models/aws-restjson1
//
// It needs node (an ECMA-262 engine) and, for patterns read as Java reads
// them, java; `make test` does not run it, and the test that checks the
// table needs neither. For each pattern it generates candidate strings from
// the translation (random strings the expression matches, then mutations of
// them: a character dropped, added or replaced, look-around text spliced
// in), asks the reference for each verdict, and keeps up to eight accepted
// and eight rejected strings. The reference is:
//
//   - new RegExp(p, "u").test(s) for a pattern valid with the u flag, as
//     Smithy specifies;
//   - new RegExp(p).test(s) for one valid only under Annex B, on strings of
//     the Basic Multilingual Plane (without the u flag JavaScript counts
//     UTF-16 units, the translation code points);
//   - java.util.regex's find() for one that uses Java constructs, on
//     strings without line terminators or white space beyond ASCII (where
//     Java's '.', '$' and \s differ from ECMA-262's) and with class members
//     taken from Latin-1 where a class has any (Java 17 knows an older
//     Unicode than Go);
//   - "refused" when the translation refuses the pattern; the test checks
//     it still does.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"flag"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/smithygen/smithygen/internal/ecmaregex"
	"github.com/smithygen/smithygen/model"
)

// Row is one line of the table.
type Row struct {
	Pattern   string   `json:"pattern"`
	Reference string   `json:"reference"` // "ecma-u", "ecma", "java" or "refused"
	Accept    []string `json:"accept,omitempty"`
	Reject    []string `json:"reject,omitempty"`
}

const perVerdict = 8

func main() {
	corpus := flag.String("corpus", "../shared/models/aws-restjson1", "directory of Smithy JSON AST models")
	out := flag.String("out", "internal/ecmaregex/testdata/patterns.jsonl", "table to write")
	flag.Parse()
	srcs := corpusPatterns(*corpus)
	var rows []*Row
	var ecma, java []*candidates
	for _, src := range srcs {
		p, err := ecmaregex.Translate(src)
		if err != nil {
			rows = append(rows, &Row{Pattern: src, Reference: "refused"})
			continue
		}
		c := &candidates{row: &Row{Pattern: src}, strs: generate(p, p.Java)}
		rows = append(rows, c.row)
		switch {
		case p.Unicode:
			c.row.Reference = "ecma-u"
			ecma = append(ecma, c)
		case p.Java:
			c.row.Reference = "java"
			c.strs = without(c.strs, javaDiffers)
			java = append(java, c)
		default:
			c.row.Reference = "ecma"
			c.strs = bmpOnly(c.strs)
			ecma = append(ecma, c)
		}
	}
	judgeNode(ecma)
	judgeJava(java)
	writeRows(*out, rows)
	log.Printf("%d patterns: %d judged by node, %d by java, %d refused", len(rows), len(ecma), len(java), len(rows)-len(ecma)-len(java))
}

// candidates are the strings generated for one pattern, and their verdicts.
type candidates struct {
	row      *Row
	strs     []string
	verdicts []bool
}

// keep fills the row from the verdicts.
func (c *candidates) keep() {
	for i, s := range c.strs {
		if c.verdicts[i] && len(c.row.Accept) < perVerdict {
			c.row.Accept = append(c.row.Accept, s)
		}
		if !c.verdicts[i] && len(c.row.Reject) < perVerdict {
			c.row.Reject = append(c.row.Reject, s)
		}
	}
}

// corpusPatterns returns every distinct @pattern of the models in dir,
// sorted.
func corpusPatterns(dir string) []string {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		log.Fatalf("no models in %s", dir)
	}
	seen := map[string]bool{}
	for _, f := range files {
		m, err := model.LoadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		for _, s := range m.Shapes {
			if src, ok := s.Traits.Pattern(); ok {
				seen[src] = true
			}
			for _, mem := range s.ChildMembers() {
				if src, ok := mem.Traits.Pattern(); ok {
					seen[src] = true
				}
			}
		}
	}
	srcs := make([]string, 0, len(seen))
	for src := range seen {
		srcs = append(srcs, src)
	}
	sort.Strings(srcs)
	return srcs
}

// javaDiffers are the characters on which java.util.regex and ECMA-262
// disagree outside the Java constructs: line terminators ('.', '$') and the
// white space beyond ASCII (\s).
const javaDiffers = "\n\r\u0085\u2028\u2029\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff"

func without(strs []string, chars string) []string {
	var out []string
	for _, s := range strs {
		if !strings.ContainsAny(s, chars) {
			out = append(out, s)
		}
	}
	return out
}

func bmpOnly(strs []string) []string {
	var out []string
	for _, s := range strs {
		if strings.IndexFunc(s, func(r rune) bool { return r > 0xFFFF }) < 0 {
			out = append(out, s)
		}
	}
	return out
}

// nodeScript answers, for each pattern, the verdict of every string. A
// backtracking engine can take exponential time on some of them, and a
// regular expression cannot be interrupted, so each test runs in a worker
// that is ended after a second; its verdict is then null and the string is
// left out of the table.
const nodeScript = `
const fs = require("fs");
const { Worker } = require("worker_threads");
const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const workerCode = ` + "`" + `
const { parentPort } = require("worker_threads");
let key = "", re = null;
parentPort.on("message", ({p, u, s}) => {
  if (key !== p + u) { key = p + u; re = new RegExp(p, u ? "u" : ""); }
  parentPort.postMessage(re.test(s));
});
` + "`" + `;
let worker = null;
function ask(p, u, s) {
  if (!worker) worker = new Worker(workerCode, { eval: true });
  return new Promise(resolve => {
    const timer = setTimeout(() => { worker.terminate(); worker = null; resolve(null); }, 1000);
    worker.once("message", v => { clearTimeout(timer); resolve(v); });
    worker.postMessage({p, u, s});
  });
}
(async () => {
  const out = [];
  for (const {p, u, s} of jobs) {
    let valid = true;
    try { new RegExp(p, "u"); } catch (e) { valid = false; }
    const v = [];
    for (const x of s) v.push(await ask(p, u, x));
    out.push({u: valid, v});
  }
  fs.writeFileSync(process.argv[3], JSON.stringify(out));
  if (worker) worker.terminate();
})();
`

func judgeNode(cs []*candidates) {
	type job struct {
		P string   `json:"p"`
		U bool     `json:"u"`
		S []string `json:"s"`
	}
	jobs := make([]job, len(cs))
	for i, c := range cs {
		jobs[i] = job{P: c.row.Pattern, U: c.row.Reference == "ecma-u", S: c.strs}
	}
	dir := tempDir()
	defer os.RemoveAll(dir)
	in, outPath, script := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.json"), filepath.Join(dir, "ref.js")
	writeJSON(in, jobs)
	must(os.WriteFile(script, []byte(nodeScript), 0o644))
	run("node", script, in, outPath)
	var verdicts []struct {
		U bool    `json:"u"`
		V []*bool `json:"v"`
	}
	data, err := os.ReadFile(outPath)
	must(err)
	must(json.Unmarshal(data, &verdicts))
	for i, c := range cs {
		if verdicts[i].U != (c.row.Reference == "ecma-u") {
			log.Fatalf("pattern %q: valid with the u flag: node says %v, the translation %v", c.row.Pattern, verdicts[i].U, !verdicts[i].U)
		}
		var strs []string
		for j, v := range verdicts[i].V {
			if v != nil {
				strs = append(strs, c.strs[j])
				c.verdicts = append(c.verdicts, *v)
			}
		}
		c.strs = strs
		c.keep()
	}
}

// javaSource reads "P base64" and "S base64" lines and prints one verdict
// per S line: Pattern.compile(p).matcher(s).find().
const javaSource = `
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;

public class Ref {
  public static void main(String[] args) throws Exception {
    Base64.Decoder dec = Base64.getDecoder();
    StringBuilder out = new StringBuilder();
    Pattern p = null;
    for (String line : Files.readAllLines(Paths.get(args[0]))) {
      String text = new String(dec.decode(line.substring(2)), StandardCharsets.UTF_8);
      if (line.startsWith("P ")) { p = Pattern.compile(text); continue; }
      out.append(p.matcher(text).find() ? "1\n" : "0\n");
    }
    Files.write(Paths.get(args[1]), out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
`

func judgeJava(cs []*candidates) {
	if len(cs) == 0 {
		return
	}
	dir := tempDir()
	defer os.RemoveAll(dir)
	var in strings.Builder
	enc := base64.StdEncoding.EncodeToString
	for _, c := range cs {
		in.WriteString("P " + enc([]byte(c.row.Pattern)) + "\n")
		for _, s := range c.strs {
			in.WriteString("S " + enc([]byte(s)) + "\n")
		}
	}
	inPath, outPath, src := filepath.Join(dir, "in.txt"), filepath.Join(dir, "out.txt"), filepath.Join(dir, "Ref.java")
	must(os.WriteFile(inPath, []byte(in.String()), 0o644))
	must(os.WriteFile(src, []byte(javaSource), 0o644))
	run("java", src, inPath, outPath)
	f, err := os.Open(outPath)
	must(err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for _, c := range cs {
		for range c.strs {
			if !sc.Scan() {
				log.Fatal("java: too few verdicts")
			}
			c.verdicts = append(c.verdicts, sc.Text() == "1")
		}
		c.keep()
	}
}

func writeRows(path string, rows []*Row) {
	var b strings.Builder
	for _, r := range rows {
		line, err := json.Marshal(r)
		must(err)
		b.Write(line)
		b.WriteByte('\n')
	}
	must(os.MkdirAll(filepath.Dir(path), 0o755))
	must(os.WriteFile(path, []byte(b.String()), 0o644))
}

func writeJSON(path string, v any) {
	data, err := json.Marshal(v)
	must(err)
	must(os.WriteFile(path, data, 0o644))
}

func tempDir() string {
	dir, err := os.MkdirTemp("", "patterntable")
	must(err)
	return dir
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
