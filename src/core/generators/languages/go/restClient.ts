/** Go REST client: net/http + the resilience file. */
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

function auth(options: ResolvedOptions): { fields: string; read: string; apply: string } {
  const { env } = options;
  switch (options.auth) {
    case 'bearer': return {
      fields: '\ttoken   string\n',
      read: `\ttoken, err := required("${env['token']}")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n`,
      apply: '\t\treq.Header.Set("Authorization", "Bearer "+c.token)\n',
    };
    case 'api-key': return {
      fields: '\tapiKey  string\n',
      read: `\tapiKey, err := required("${env['apiKey']}")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n`,
      apply: '\t\treq.Header.Set("X-API-Key", c.apiKey)\n',
    };
    case 'basic': return {
      fields: '\tuser    string\n\tpass    string\n',
      read: `\tuser, err := required("${env['username']}")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tpass, err := required("${env['password']}")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n`,
      apply: '\t\treq.SetBasicAuth(c.user, c.pass)\n',
    };
    default: return { fields: '', read: '', apply: '' };
  }
}

export function goRestClient(options: ResolvedOptions): string {
  const a = auth(options);
  const fieldInit = options.auth === 'bearer' ? ', token: token'
    : options.auth === 'api-key' ? ', apiKey: apiKey'
      : options.auth === 'basic' ? ', user: user, pass: pass' : '';
  const structFields = a.fields === '' ? '\tbaseURL *url.URL\n\thttp    *http.Client\n\tpolicy  Policy\n' : `\tbaseURL *url.URL\n\thttp    *http.Client\n\tpolicy  Policy\n${a.fields}`;
  return `// HTTP client for "${options.name}". ${provenance(options, 'rest-client')}
// Resilience: ${describePolicy(options.resilience)}.
// Retries only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) unless the request
// carries an Idempotency-Key; retried statuses: 408, 429, 500, 502, 503, 504 and network errors.
// Retry-After (seconds or HTTP-date) is honoured up to MaxDelay; a longer wait gives up.
package ${options.layout.module}

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// MissingConfigError names an environment variable that is not set (never its value).
type MissingConfigError struct{ Name string }

func (e *MissingConfigError) Error() string { return "environment variable " + e.Name + " is not set" }

// HTTPError is a non-2xx answer (after any retries).
type HTTPError struct {
	Status     int
	Body       string
	RetryAfter time.Duration
	HasRetry   bool
}

func (e *HTTPError) Error() string { return fmt.Sprintf("${options.name} answered HTTP %d", e.Status) }

func required(name string) (string, error) {
	value := os.Getenv(name)
	if value == "" {
		return "", &MissingConfigError{Name: name}
	}
	return value, nil
}

// Client calls "${options.name}"; safe for concurrent use.
type Client struct {
${structFields}}

// NewClientFromEnv reads ${options.env['baseUrl']} and the credentials from the environment.
func NewClientFromEnv() (*Client, error) {
	raw, err := required("${options.env['baseUrl']}")
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(strings.TrimSuffix(raw, "/") + "/")
	if err != nil {
		return nil, fmt.Errorf("${options.env['baseUrl']} is not a URL: %w", err)
	}
${a.read}	return &Client{baseURL: base, http: &http.Client{}, policy: DefaultPolicy${fieldInit}}, nil
}

var idempotent = map[string]bool{"GET": true, "HEAD": true, "OPTIONS": true, "PUT": true, "DELETE": true, "TRACE": true}
var retryStatuses = map[int]bool{408: true, 429: true, 500: true, 502: true, 503: true, 504: true}

// ParseRetryAfter reads delta-seconds or an HTTP-date.
func ParseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.Atoi(value); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second, true
	}
	if when, err := http.ParseTime(value); err == nil {
		if wait := when.Sub(now); wait > 0 {
			return wait, true
		}
		return 0, true
	}
	return 0, false
}

func isTransient(err error) bool {
	var httpErr *HTTPError
	if errors.As(err, &httpErr) {
		return retryStatuses[httpErr.Status]
	}
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, ErrAttemptTimeout)
}

// Do sends one logical request (possibly several attempts) and decodes a JSON answer into out (may be nil).
func (c *Client) Do(ctx context.Context, method, path string, body any, headers http.Header, out any) error {
	method = strings.ToUpper(method)
	target, err := c.baseURL.Parse(strings.TrimPrefix(path, "/"))
	if err != nil {
		return err
	}
	var payload []byte
	if body != nil {
		if payload, err = json.Marshal(body); err != nil {
			return err
		}
	}
	retryable := idempotent[method] || headers.Get("Idempotency-Key") != ""
	return Retry(ctx, c.policy, RetryOptions{
		IsRetryable:     func(err error) bool { return retryable && isTransient(err) },
		CountsAsFailure: isTransient,
		DelayFor: func(err error) (time.Duration, bool, bool) {
			var httpErr *HTTPError
			if errors.As(err, &httpErr) && httpErr.HasRetry {
				// A server asking for a longer wait than the policy allows: give up now rather than hang.
				return httpErr.RetryAfter, true, httpErr.RetryAfter > c.policy.MaxDelay
			}
			return 0, false, false
		},
	}, func(ctx context.Context, _ int) error {
		req, err := http.NewRequestWithContext(ctx, method, target.String(), bytes.NewReader(payload))
		if err != nil {
			return err
		}
		for key, values := range headers {
			req.Header[key] = values
		}
		req.Header.Set("Accept", "application/json")
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
${a.apply}		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(io.LimitReader(resp.Body, 10<<20)) // read fully: the connection is reused
		if err != nil {
			return err
		}
		if resp.StatusCode >= 400 {
			wait, has := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
			return &HTTPError{Status: resp.StatusCode, Body: string(data[:minInt(len(data), 2000)]), RetryAfter: wait, HasRetry: has}
		}
		if out == nil || len(data) == 0 || resp.StatusCode == http.StatusNoContent {
			return nil
		}
		return json.Unmarshal(data, out)
	})
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// Get decodes GET path into out.
func (c *Client) Get(ctx context.Context, path string, out any) error {
	return c.Do(ctx, "GET", path, nil, http.Header{}, out)
}

// Post sends body as JSON; pass an Idempotency-Key header to make it retryable.
func (c *Client) Post(ctx context.Context, path string, body any, headers http.Header, out any) error {
	return c.Do(ctx, "POST", path, body, headers, out)
}
`;
}
