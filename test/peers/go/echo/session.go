package main

import (
	"errors"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

const writeWait = 5 * time.Second

var opened int64 // connections upgraded so far (atomic)

func upgrader(r *http.Request) *websocket.Upgrader {
	u := &websocket.Upgrader{
		EnableCompression: cfg.compress,
		// Tests connect from any origin (gorilla's default is same-origin only).
		CheckOrigin: func(*http.Request) bool { return true },
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("wbuf")); err == nil && n > 0 {
		u.WriteBufferSize = n
	}
	return u
}

// serve handles one HTTP request: auth (admit), upgrade, then the connection until it ends.
func serve(w http.ResponseWriter, r *http.Request) {
	if !admit(w, r) {
		return
	}
	conn, err := upgrader(r).Upgrade(w, r, nil)
	if err != nil {
		log.Println("upgrade:", err)
		return
	}
	s := &session{n: atomic.AddInt64(&opened, 1), conn: conn}
	say("OPEN %d", s.n)
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		say("CLIENTCERT %s", r.TLS.PeerCertificates[0].Subject.CommonName)
	}
	s.run()
	say("CLOSED %d", s.n)
}

// session is one upgraded connection. Its goroutine reads, echoes and runs commands; with
// -ping-interval a second one pings. gorilla lets WriteControl run alongside the reader's writes,
// but not sendFragments' raw writes on the hijacked connection, hence rawMu.
type session struct {
	n     int64
	conn  *websocket.Conn
	rawMu sync.Mutex
}

func (s *session) run() {
	defer s.conn.Close()
	s.conn.EnableWriteCompression(cfg.compress)
	s.conn.SetPingHandler(s.onPing)
	s.conn.SetPongHandler(s.onPong)
	if cfg.dropAfter > 0 {
		timer := time.AfterFunc(cfg.dropAfter, s.drop)
		defer timer.Stop()
	}
	if cfg.pingInterval > 0 {
		// The Go guides' server-side heartbeat: only a Pong moves the read deadline.
		_ = s.conn.SetReadDeadline(time.Now().Add(cfg.pongWait))
		done := make(chan struct{})
		defer close(done)
		go s.heartbeat(done)
	}
	for {
		mt, p, err := s.conn.ReadMessage()
		if err != nil {
			// A Close from the client was already answered by gorilla's default close handler.
			s.sayEnd(err)
			var netErr net.Error
			if errors.As(err, &netErr) && netErr.Timeout() {
				s.conn.Close()
				say("DEADLINE")
			}
			return
		}
		if mt == websocket.TextMessage {
			say("MSG %s", printable(p))
			if handled, err := s.command(string(p)); handled {
				if err != nil {
					log.Println("command:", err)
					return
				}
				continue
			}
		}
		if err := s.conn.WriteMessage(mt, p); err != nil {
			log.Println("write:", err)
			return
		}
	}
}

// drop closes the TCP connection without a Close frame (with TLS, after a close_notify alert).
// DROP is printed first, so it always comes before the connection's CLOSED line.
func (s *session) drop() {
	say("DROP")
	s.conn.UnderlyingConn().Close()
}

// heartbeat pings every -ping-interval with payloads "1", "2", ... until done is closed.
func (s *session) heartbeat(done <-chan struct{}) {
	ticker := time.NewTicker(cfg.pingInterval)
	defer ticker.Stop()
	for seq := 1; ; seq++ {
		select {
		case <-done:
			return
		case <-ticker.C:
		}
		s.rawMu.Lock()
		err := s.conn.WriteControl(websocket.PingMessage, []byte(strconv.Itoa(seq)), time.Now().Add(writeWait))
		s.rawMu.Unlock()
		if err != nil {
			return
		}
	}
}

// onPing prints the Ping and answers it like gorilla's default handler, unless -no-pong.
func (s *session) onPing(data string) error {
	say("PING %s", printable([]byte(data)))
	if cfg.noPong {
		return nil
	}
	err := s.conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(writeWait))
	var netErr net.Error
	if err == websocket.ErrCloseSent || (errors.As(err, &netErr) && netErr.Timeout()) {
		return nil
	}
	return err
}

// onPong prints the Pong and, with -ping-interval, moves the read deadline.
func (s *session) onPong(data string) error {
	say("PONG %s", printable([]byte(data)))
	if cfg.pingInterval > 0 {
		return s.conn.SetReadDeadline(time.Now().Add(cfg.pongWait))
	}
	return nil
}

// sayEnd prints how reading ended: END <n> <code> for a Close frame or gorilla's 1006 (the TCP
// connection ended without one), END <n> abrupt <error> for a reset or another socket error.
func (s *session) sayEnd(err error) {
	var closeErr *websocket.CloseError
	if errors.As(err, &closeErr) {
		say("END %d %d", s.n, closeErr.Code)
		return
	}
	say("END %d abrupt %s", s.n, printable([]byte(err.Error())))
}
