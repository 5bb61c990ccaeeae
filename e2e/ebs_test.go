package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ebssdk "github.com/aws/aws-sdk-go-v2/service/ebs"
	ebstypes "github.com/aws/aws-sdk-go-v2/service/ebs/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	ebssrv "github.com/smithygen/smithygen/output/ebs"
)

// ebsBlocks is an EBS direct API fake that keeps the blocks it is given:
// PutSnapshotBlock reads its streamed body, GetSnapshotBlock streams one
// back.
type ebsBlocks struct {
	ebssrv.UnimplementedService
	mu     sync.Mutex
	blocks map[int32][]byte
	keys   []string
	closed int
}

func (s *ebsBlocks) PutSnapshotBlock(ctx context.Context, in *ebssrv.PutSnapshotBlockInput) (*ebssrv.PutSnapshotBlockOutput, error) {
	data, err := io.ReadAll(in.BlockData)
	if err != nil {
		return nil, err
	}
	key, _ := ebssrv.AccessKeyIDFromContext(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocks[*in.BlockIndex] = data
	s.keys = append(s.keys, key)
	return &ebssrv.PutSnapshotBlockOutput{Checksum: in.Checksum, ChecksumAlgorithm: in.ChecksumAlgorithm}, nil
}

// closeCounter is a block being sent, which counts its Close.
type closeCounter struct {
	io.Reader
	s *ebsBlocks
}

func (c closeCounter) Close() error {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	c.s.closed++
	return nil
}

func (s *ebsBlocks) GetSnapshotBlock(_ context.Context, in *ebssrv.GetSnapshotBlockInput) (*ebssrv.GetSnapshotBlockOutput, error) {
	s.mu.Lock()
	data, ok := s.blocks[*in.BlockIndex]
	s.mu.Unlock()
	if !ok {
		msg := "no such block"
		return nil, &ebssrv.ResourceNotFoundException{Message: &msg}
	}
	n := int32(len(data))
	sum := sha256.Sum256(data)
	checksum := base64.StdEncoding.EncodeToString(sum[:])
	// io.MultiReader hides the length: the block is sent chunked.
	return &ebssrv.GetSnapshotBlockOutput{BlockData: closeCounter{io.MultiReader(bytes.NewReader(data)), s},
		DataLength: &n, Checksum: &checksum, ChecksumAlgorithm: ebssrv.ChecksumAlgorithmChecksumAlgorithmSha256}, nil
}

// payloadHashes records the X-Amz-Content-Sha256 of each request.
type payloadHashes struct {
	next http.Handler
	mu   sync.Mutex
	seen []string
}

func (p *payloadHashes) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.seen = append(p.seen, r.Header.Get("X-Amz-Content-Sha256"))
	p.mu.Unlock()
	p.next.ServeHTTP(w, r)
}

// A block larger than the body size limit goes through the real EBS
// client, signed with SigV4 as the client signs it over http:// (the
// payload is UNSIGNED-PAYLOAD, the operation having
// aws.auth#unsignedPayload), and comes back streamed; a wrong secret is
// refused before the service reads anything.
func TestEBSStreamedBlocksSigV4(t *testing.T) {
	fake := &ebsBlocks{blocks: map[int32][]byte{}}
	hashes := &payloadHashes{next: ebssrv.NewHandler(fake, ebssrv.WithSigV4("us-east-1", sigv4Secrets),
		ebssrv.WithMaxBodyBytes(64<<10), ebssrv.WithLogger(discardLogger()))}
	srv := httptest.NewServer(hashes)
	t.Cleanup(srv.Close)
	client := func(secret string) *ebssdk.Client {
		return ebssdk.New(ebssdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
			Credentials: staticV2(sigv4Key, secret, ""), HTTPClient: srv.Client(), Retryer: aws.NopRetryer{}})
	}
	block := bytes.Repeat([]byte("0123456789abcdef"), 512<<10/16) // an EBS block: 512 KiB
	sum := sha256.Sum256(block)
	checksum := base64.StdEncoding.EncodeToString(sum[:])
	put := func(c *ebssdk.Client) error {
		_, err := c.PutSnapshotBlock(context.Background(), &ebssdk.PutSnapshotBlockInput{
			SnapshotId: aws.String("snap-0123456789abcdef0"), BlockIndex: aws.Int32(7),
			BlockData: bytes.NewReader(block), DataLength: aws.Int32(int32(len(block))),
			Checksum: aws.String(checksum), ChecksumAlgorithm: ebstypes.ChecksumAlgorithmChecksumAlgorithmSha256,
		})
		return err
	}
	if err := put(client(sigv4Secret)); err != nil {
		t.Fatalf("PutSnapshotBlock: %v", err)
	}
	if !bytes.Equal(fake.blocks[7], block) || len(fake.keys) != 1 || fake.keys[0] != sigv4Key {
		t.Fatalf("the service got %d bytes, keys %q", len(fake.blocks[7]), fake.keys)
	}
	if hashes.seen[0] != "UNSIGNED-PAYLOAD" {
		t.Errorf("the client sent X-Amz-Content-Sha256 %q", hashes.seen[0])
	}

	err := put(client("WRONG"))
	var re *smithyhttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusForbidden || !strings.Contains(err.Error(), "InvalidSignatureException") {
		t.Errorf("wrong secret: %v", err)
	}
	if len(fake.keys) != 1 {
		t.Errorf("the service was called with a wrong secret")
	}

	out, err := client(sigv4Secret).GetSnapshotBlock(context.Background(), &ebssdk.GetSnapshotBlockInput{
		SnapshotId: aws.String("snap-0123456789abcdef0"), BlockIndex: aws.Int32(7), BlockToken: aws.String("token"),
	})
	if err != nil {
		t.Fatalf("GetSnapshotBlock: %v", err)
	}
	got, err := io.ReadAll(out.BlockData)
	_ = out.BlockData.Close()
	if err != nil || !bytes.Equal(got, block) || aws.ToString(out.Checksum) != checksum || aws.ToInt32(out.DataLength) != int32(len(block)) {
		t.Errorf("GetSnapshotBlock: %d bytes, %v, checksum %q", len(got), err, aws.ToString(out.Checksum))
	}
	fake.mu.Lock()
	defer fake.mu.Unlock()
	if fake.closed != 1 {
		t.Errorf("the block sent was closed %d times", fake.closed)
	}
}
