package syncthing

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// rest is a client of one instance's REST API, over its Unix socket.
type rest struct {
	key    string
	client *http.Client
}

func newREST(socket, key string) *rest {
	tr := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", socket)
		},
		MaxIdleConnsPerHost: 4,
	}
	// POST /rest/db/scan answers when the scan is done, which takes seconds on a loaded
	// machine; nothing else comes close to this limit.
	return &rest{key: key, client: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

// do calls method path with the query, sending in as JSON when not nil and decoding the
// answer into out when not nil. An answer other than 200 is an error that quotes its body.
func (r *rest) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(data)
	}
	u := "http://localhost" + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", r.key)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(data))
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: unexpected answer %.200q: %w", method, path, data, err)
		}
	}
	return nil
}

func (r *rest) close() { r.client.CloseIdleConnections() }
