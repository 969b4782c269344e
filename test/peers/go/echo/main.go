// Command echo is a gorilla/websocket echo server, the one the Go WebSocket guides build, used by
// wstap's tests as a real peer. It listens on -addr (port 0 by default), prints "LISTENING <port>"
// once the socket is bound, and echoes every message with its type on any path (/echo included).
//
// A few text commands make the server do what an echo cannot (see commands.go):
//
//	close:<code>:<reason>  send a Close frame with that code and reason (server-initiated close)
//	ping:<data>            send a Ping with that payload (the client answers with a Pong)
//	frag:<n>:<text>        send <text> as one text message cut into n frames (see sendFragments)
//	drop                   close the TCP connection at once, without a Close frame
//	drop:<n>               the same, then answer the next n upgrade requests with 503 (a server
//	                       that is down for a while: reconnects back off, then get through)
//
// The query parameter ?wbuf=N upgrades the connection with WriteBufferSize N, to show gorilla's own
// fragmentation: a message written through NextWriter (every compressed one; uncompressed
// WriteMessage always sends one frame) goes out in N-byte frames, except that a single Write of
// more than 2*(N+14) bytes goes out at once as one frame (with what was buffered); RSV1 is set on
// the first frame only.
//
// Flags for the Go guides' other systems: token and basic auth (auth.go), heartbeats and dropped
// connections (session.go), wss and mutual TLS (below). Everything a test may wait for is printed
// on stdout, one line each:
//
//	LISTENING <port>   bound (before any connection is accepted)
//	REJECT <status>    an upgrade request was answered with that HTTP status instead of 101
//	OPEN <n>           the n-th connection (counted from 1) was upgraded
//	CLIENTCERT <cn>    the client of the connection just opened showed a certificate with that CN
//	MSG <text>         a text message arrived (commands included); newlines escaped, long ones cut
//	PING <data>        a Ping arrived
//	PONG <data>        a Pong arrived
//	DROP               the server closed a TCP connection without a Close frame (drop, -drop-after)
//	DEADLINE           no Pong within -pong-wait: the server closed the TCP connection
//	CLOSED <n>         the n-th connection is over
package main

import (
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

// config holds the command-line flags.
type config struct {
	addr         string
	compress     bool
	token        string
	basic        string
	rejectFirst  int
	noPong       bool
	pingInterval time.Duration
	pongWait     time.Duration
	dropAfter    time.Duration
	tlsCert      string
	tlsKey       string
	clientCA     string
}

var cfg config

func main() {
	flag.StringVar(&cfg.addr, "addr", "127.0.0.1:0", "listen address")
	flag.BoolVar(&cfg.compress, "compress", false, "negotiate permessage-deflate and compress what we send")
	flag.StringVar(&cfg.token, "token", "", "require Authorization: Bearer <token> (or ?token=<token>); else 401")
	flag.StringVar(&cfg.basic, "basic", "", "require HTTP basic auth user:pass; else 401")
	flag.IntVar(&cfg.rejectFirst, "reject-first", 0, "answer the first N upgrade requests with 503")
	flag.BoolVar(&cfg.noPong, "no-pong", false, "never answer Pings")
	flag.DurationVar(&cfg.pingInterval, "ping-interval", 0, "ping every client at this interval")
	flag.DurationVar(&cfg.pongWait, "pong-wait", 0, "with -ping-interval: drop a client silent this long (default 3x interval)")
	flag.DurationVar(&cfg.dropAfter, "drop-after", 0, "close every connection's TCP socket this long after it opened")
	flag.StringVar(&cfg.tlsCert, "tls-cert", "", "serve wss with this certificate (PEM; needs -tls-key)")
	flag.StringVar(&cfg.tlsKey, "tls-key", "", "the private key of -tls-cert (PEM)")
	flag.StringVar(&cfg.clientCA, "client-ca", "", "with -tls-cert: require client certificates signed by this CA (PEM)")
	flag.Parse()
	log.SetOutput(os.Stderr)
	if cfg.pongWait == 0 {
		cfg.pongWait = 3 * cfg.pingInterval
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		log.Fatal(err)
	}
	if cfg.tlsCert != "" || cfg.tlsKey != "" || cfg.clientCA != "" {
		ln = tls.NewListener(ln, tlsConfig())
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(serve),
		// HTTP/1.1 only: a WebSocket upgrade cannot happen over h2.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
	}
	// Tests wait for this line: the port is bound before it is printed.
	say("LISTENING %d", ln.Addr().(*net.TCPAddr).Port)
	log.Fatal(srv.Serve(ln))
}

func tlsConfig() *tls.Config {
	if cfg.tlsCert == "" || cfg.tlsKey == "" {
		log.Fatal("-tls-cert and -tls-key go together (and -client-ca needs them)")
	}
	cert, err := tls.LoadX509KeyPair(cfg.tlsCert, cfg.tlsKey)
	if err != nil {
		log.Fatal(err)
	}
	config := &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"http/1.1"}}
	if cfg.clientCA != "" {
		pem, err := os.ReadFile(cfg.clientCA)
		if err != nil {
			log.Fatal(err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			log.Fatalf("no certificate in %s", cfg.clientCA)
		}
		config.ClientCAs = pool
		config.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return config
}

var stdout sync.Mutex

// say prints one line on stdout; lines from concurrent connections never interleave.
func say(format string, args ...any) {
	stdout.Lock()
	defer stdout.Unlock()
	fmt.Printf(format+"\n", args...)
}
