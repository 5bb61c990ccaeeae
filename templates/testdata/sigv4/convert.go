//go:build ignore

// convert turns the v4 directory of AWS's SigV4 signing test suite, as
// awslabs/aws-c-auth ships it in tests/aws-signing-test-suite/v4, into
// vectors.json: one entry per test, holding the signed requests (header and
// presigned query forms), the canonical requests and the signatures.
//
//	go run convert.go DIR > vectors.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type signed struct {
	Request   string `json:"request"`
	Canonical string `json:"canonical"`
	Signature string `json:"signature"`
}

type vector struct {
	Name      string `json:"name"`
	Normalize bool   `json:"normalize"`
	Header    signed `json:"header"`
	Query     signed `json:"query"`
}

type context struct {
	Credentials struct {
		AccessKeyID     string `json:"access_key_id"`
		SecretAccessKey string `json:"secret_access_key"`
	} `json:"credentials"`
	Normalize bool   `json:"normalize"`
	Region    string `json:"region"`
	Service   string `json:"service"`
	Timestamp string `json:"timestamp"`
}

func main() {
	dir := os.Args[1]
	entries, err := os.ReadDir(dir)
	check(err)
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var out []vector
	for _, name := range names {
		read := func(file string) string {
			b, err := os.ReadFile(filepath.Join(dir, name, file))
			check(err)
			return string(b)
		}
		var c context
		check(json.Unmarshal([]byte(read("context.json")), &c))
		// Every test of the suite shares these; the test states them once.
		if c.Credentials.AccessKeyID != "AKIDEXAMPLE" || c.Region != "us-east-1" || c.Service != "service" || c.Timestamp != "2015-08-30T12:36:00Z" {
			check(fmt.Errorf("%s: context differs from the others", name))
		}
		form := func(prefix string) signed {
			return signed{
				Request:   read(prefix + "-signed-request.txt"),
				Canonical: read(prefix + "-canonical-request.txt"),
				Signature: strings.TrimSpace(read(prefix + "-signature.txt")),
			}
		}
		out = append(out, vector{Name: name, Normalize: c.Normalize, Header: form("header"), Query: form("query")})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	check(enc.Encode(out))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
