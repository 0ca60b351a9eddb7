/** Go webhook receiver: net/http + crypto/hmac, standard library only. */
import type { ResolvedOptions } from '../../types';
import { provenance } from '../common';

export function goWebhook(options: ResolvedOptions): string {
  const { env } = options;
  return `// Webhook receiver for "${options.name}": POST /webhooks/${options.name}. ${provenance(options, 'webhook-receiver')}
// Signature scheme: the sender puts the Unix time in seconds in X-Webhook-Timestamp and
// "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + rawBody)) in X-Webhook-Signature. The
// receiver recomputes it over the raw bytes, compares in constant time (hmac.Equal), rejects
// timestamps more than the tolerance away from now, and rejects a signature already accepted
// within the window (a replay). Answers 204, 401 (bad, stale or replayed), 413, 400 or 500.
package ${options.layout.module}

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultTolerance is how far a timestamp may be from now.
const DefaultTolerance = 5 * time.Minute

const maxBodyBytes = 1 << 20

var (
	signatureFormat = regexp.MustCompile("^sha256=[0-9a-fA-F]{64}$")
	timestampFormat = regexp.MustCompile("^[0-9]{1,12}$")
)

// Verification failures.
var (
	ErrMissingHeaders = errors.New("missing signature headers")
	ErrMalformed      = errors.New("malformed signature headers")
	ErrStaleTimestamp = errors.New("timestamp outside the tolerance")
	ErrBadSignature   = errors.New("signature does not match")
	ErrReplayed       = errors.New("signature already used")
)

// Sign computes the signature a sender sends.
func Sign(rawBody []byte, secret string, timestamp int64) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(timestamp, 10) + "."))
	mac.Write(rawBody)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// ReplayGuard remembers accepted signatures for the tolerance window (in memory: share it across instances).
type ReplayGuard struct {
	mu        sync.Mutex
	seen      map[string]time.Time
	tolerance time.Duration
}

// NewReplayGuard returns an empty guard.
func NewReplayGuard(tolerance time.Duration) *ReplayGuard {
	return &ReplayGuard{seen: map[string]time.Time{}, tolerance: tolerance}
}

// FirstUse is true the first time signature is presented.
func (g *ReplayGuard) FirstUse(signature string, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for key, at := range g.seen {
		if now.Sub(at) > g.tolerance {
			delete(g.seen, key)
		}
	}
	if _, ok := g.seen[signature]; ok {
		return false
	}
	g.seen[signature] = now
	return true
}

// Verify checks one request's headers against its raw body.
func Verify(rawBody []byte, header http.Header, secret string, tolerance time.Duration, now time.Time, guard *ReplayGuard) error {
	signature := header.Get("X-Webhook-Signature")
	timestamp := header.Get("X-Webhook-Timestamp")
	if signature == "" || timestamp == "" {
		return ErrMissingHeaders
	}
	if !signatureFormat.MatchString(signature) || !timestampFormat.MatchString(timestamp) {
		return ErrMalformed
	}
	seconds, _ := strconv.ParseInt(timestamp, 10, 64)
	if delta := now.Sub(time.Unix(seconds, 0)); delta > tolerance || delta < -tolerance {
		return ErrStaleTimestamp
	}
	expected := Sign(rawBody, secret, seconds)
	given := strings.ToLower(signature)
	if !hmac.Equal([]byte(expected), []byte(given)) {
		return ErrBadSignature
	}
	if guard != nil && !guard.FirstUse(given, now) {
		return ErrReplayed
	}
	return nil
}

// Handler returns the http.Handler serving POST /webhooks/${options.name}; the secret comes from ${env['secret']}.
func Handler(handle func(event json.RawMessage) error) (http.Handler, error) {
	secret := os.Getenv("${env['secret']}")
	if secret == "" {
		return nil, errors.New("environment variable ${env['secret']} is not set")
	}
	guard := NewReplayGuard(DefaultTolerance)
	mux := http.NewServeMux()
	mux.HandleFunc("/webhooks/${options.name}", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		if err != nil {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err := Verify(body, r.Header, secret, DefaultTolerance, time.Now(), guard); err != nil {
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		if !json.Valid(body) {
			http.Error(w, "body is not JSON", http.StatusBadRequest)
			return
		}
		if err := handle(json.RawMessage(body)); err != nil {
			log.Printf("${options.name} webhook handler failed: %v", err)
			http.Error(w, "handler failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	return mux, nil
}

// ListenAndServe serves the handler on ${env['port']} (default 8080).
func ListenAndServe(handle func(event json.RawMessage) error) error {
	handler, err := Handler(handle)
	if err != nil {
		return err
	}
	port := os.Getenv("${env['port']}")
	if port == "" {
		port = "8080"
	}
	server := &http.Server{Addr: ":" + port, Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	return server.ListenAndServe()
}
`;
}

export function goOAuth2(options: ResolvedOptions): string {
  const { env } = options;
  return `// OAuth2 / OIDC authorization code flow with PKCE for "${options.name}". ${provenance(options, 'oauth2-client')}
// Flow: Begin returns the URL to send the browser to plus the state and code verifier, which the
// app keeps server-side (session), never in the URL. On the redirect back, Complete checks the
// returned state in constant time, then exchanges the code with the PKCE verifier (S256). The
// token request is not retried: a code is single-use.
package ${options.layout.module}

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// TokenTimeout bounds the token request.
const TokenTimeout = ${options.resilience.policy.timeoutMs} * time.Millisecond

// Config is read from the environment.
type Config struct {
	AuthorizeURL string
	TokenURL     string
	ClientID     string
	ClientSecret string // empty for a public client (PKCE alone)
	RedirectURI  string
	Scopes       string
}

// Pending is what the app keeps in the user's session between Begin and Complete.
type Pending struct {
	URL          string
	State        string
	CodeVerifier string
}

// Tokens is the token endpoint's answer.
type Tokens struct {
	AccessToken  string \`json:"access_token"\`
	TokenType    string \`json:"token_type"\`
	ExpiresIn    int    \`json:"expires_in,omitempty"\`
	RefreshToken string \`json:"refresh_token,omitempty"\`
	IDToken      string \`json:"id_token,omitempty"\`
	Scope        string \`json:"scope,omitempty"\`
}

// ErrStateMismatch means the callback's state is not the one issued: forged or mixed up.
var ErrStateMismatch = errors.New("state does not match the login that was started")

// OAuthError is an error answer (RFC 6749 section 5.2).
type OAuthError struct {
	Code        string
	Description string
	Status      int
}

func (e *OAuthError) Error() string { return "OAuth error " + e.Code + ": " + e.Description }

// ConfigFromEnv reads the ${env['clientId']} family of variables.
func ConfigFromEnv() (Config, error) {
	config := Config{
		AuthorizeURL: os.Getenv("${env['authorizeUrl']}"),
		TokenURL:     os.Getenv("${env['tokenUrl']}"),
		ClientID:     os.Getenv("${env['clientId']}"),
		ClientSecret: os.Getenv("${env['clientSecret']}"),
		RedirectURI:  os.Getenv("${env['redirectUri']}"),
		Scopes:       os.Getenv("${env['scopes']}"),
	}
	for name, value := range map[string]string{"${env['authorizeUrl']}": config.AuthorizeURL, "${env['tokenUrl']}": config.TokenURL, "${env['clientId']}": config.ClientID, "${env['redirectUri']}": config.RedirectURI} {
		if value == "" {
			return config, fmt.Errorf("environment variable %s is not set", name)
		}
	}
	if config.Scopes == "" {
		config.Scopes = "openid profile"
	}
	return config, nil
}

func randomURLSafe(bytes int) (string, error) {
	buf := make([]byte, bytes)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(buf), nil
}

// PKCEChallenge is the S256 challenge of a verifier (RFC 7636).
func PKCEChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Begin starts a login: keep State and CodeVerifier in the session, redirect to URL.
func Begin(config Config) (Pending, error) {
	verifier, err := randomURLSafe(32)
	if err != nil {
		return Pending{}, err
	}
	state, err := randomURLSafe(16)
	if err != nil {
		return Pending{}, err
	}
	target, err := url.Parse(config.AuthorizeURL)
	if err != nil {
		return Pending{}, err
	}
	query := target.Query()
	query.Set("response_type", "code")
	query.Set("client_id", config.ClientID)
	query.Set("redirect_uri", config.RedirectURI)
	query.Set("scope", config.Scopes)
	query.Set("state", state)
	query.Set("code_challenge", PKCEChallenge(verifier))
	query.Set("code_challenge_method", "S256")
	target.RawQuery = query.Encode()
	return Pending{URL: target.String(), State: state, CodeVerifier: verifier}, nil
}

// Complete handles the redirect back: callback is the callback request's query.
func Complete(ctx context.Context, config Config, callback url.Values, pending Pending) (Tokens, error) {
	if subtle.ConstantTimeCompare([]byte(callback.Get("state")), []byte(pending.State)) != 1 || pending.State == "" {
		return Tokens{}, ErrStateMismatch
	}
	if code := callback.Get("error"); code != "" {
		return Tokens{}, &OAuthError{Code: code, Description: callback.Get("error_description"), Status: http.StatusBadRequest}
	}
	code := callback.Get("code")
	if code == "" {
		return Tokens{}, &OAuthError{Code: "invalid_request", Description: "the callback carries no code", Status: http.StatusBadRequest}
	}
	return tokenRequest(ctx, config, url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"redirect_uri":  {config.RedirectURI},
		"code_verifier": {pending.CodeVerifier},
	})
}

// Refresh exchanges a refresh token for new tokens.
func Refresh(ctx context.Context, config Config, refreshToken string) (Tokens, error) {
	return tokenRequest(ctx, config, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}})
}

func tokenRequest(ctx context.Context, config Config, form url.Values) (Tokens, error) {
	ctx, cancel := context.WithTimeout(ctx, TokenTimeout)
	defer cancel()
	if config.ClientSecret == "" {
		form.Set("client_id", config.ClientID)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, config.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return Tokens{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if config.ClientSecret != "" {
		req.SetBasicAuth(url.QueryEscape(config.ClientID), url.QueryEscape(config.ClientSecret))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return Tokens{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Tokens{}, err
	}
	var payload struct {
		Tokens
		Error            string \`json:"error"\`
		ErrorDescription string \`json:"error_description"\`
	}
	if err := json.Unmarshal(data, &payload); err != nil || resp.StatusCode >= 400 || payload.AccessToken == "" {
		if payload.Error == "" {
			payload.Error = "invalid_response"
		}
		return Tokens{}, &OAuthError{Code: payload.Error, Description: payload.ErrorDescription, Status: resp.StatusCode}
	}
	return payload.Tokens, nil
}
`;
}
