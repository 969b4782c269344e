package main

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"sync"
)

var (
	rejectMu   sync.Mutex
	rejected   int
	rejectNext int // upgrade requests still to refuse after a drop:<n> command
)

// admit decides whether an upgrade request may go on, and answers it when not (no upgrade):
//
//   - -reject-first N: the first N requests get 503 with Retry-After: 0, for reconnect/backoff tests;
//     so do the n requests after a drop:<n> command (a server that is down for a while);
//   - -token T: "Authorization: Bearer T" (scheme case-insensitive) or ?token=T, as the Go guides
//     accept it; otherwise 401, WWW-Authenticate: Bearer realm="wstap-test", {"error":"invalid token"};
//   - -basic user:pass: HTTP basic auth; otherwise 401, WWW-Authenticate: Basic realm="wstap-test",
//     {"error":"invalid credentials"}.
//
// With both -token and -basic, either credential will do, and a 401 carries both challenges.
func admit(w http.ResponseWriter, r *http.Request) bool {
	if refuseNow() {
		w.Header().Set("Retry-After", "0")
		reject(w, http.StatusServiceUnavailable, `{"error":"try again"}`)
		return false
	}
	if cfg.token == "" && cfg.basic == "" {
		return true
	}
	if cfg.token != "" && validToken(r) {
		return true
	}
	if cfg.basic != "" {
		if user, pass, ok := r.BasicAuth(); ok && same(user+":"+pass, cfg.basic) {
			return true
		}
	}
	body := `{"error":"invalid credentials"}`
	if cfg.token != "" {
		w.Header().Add("WWW-Authenticate", `Bearer realm="wstap-test"`)
		body = `{"error":"invalid token"}`
	}
	if cfg.basic != "" {
		w.Header().Add("WWW-Authenticate", `Basic realm="wstap-test"`)
	}
	reject(w, http.StatusUnauthorized, body)
	return false
}

// refuseNow counts one upgrade request against -reject-first, then against drop:<n>.
func refuseNow() bool {
	rejectMu.Lock()
	defer rejectMu.Unlock()
	switch {
	case rejected < cfg.rejectFirst:
		rejected++
	case rejectNext > 0:
		rejectNext--
	default:
		return false
	}
	return true
}

func validToken(r *http.Request) bool {
	if scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok &&
		strings.EqualFold(scheme, "Bearer") && same(strings.TrimSpace(token), cfg.token) {
		return true
	}
	return r.URL.Query().Has("token") && same(r.URL.Query().Get("token"), cfg.token)
}

func same(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// reject answers with a JSON body and prints "REJECT <status>".
func reject(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
	say("REJECT %d", status)
}
