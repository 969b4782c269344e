// Command chat is a gorilla/websocket chat server with rooms, built like the Go guides' hub: one
// hub goroutine owns the rooms and broadcasts every message to everyone in the sender's room,
// sender included, with its type. The room comes from the path /ws/<room> or ?room=<room>
// ("lobby" when neither is given). It prints "LISTENING <port>" once bound and, so tests can wait
// for a member to be registered instead of sleeping, "JOIN <room> <members>" and
// "LEAVE <room> <members>" lines on stdout.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

type message struct {
	room string
	typ  int
	data []byte
}

type client struct {
	room string
	conn *websocket.Conn
	send chan message
}

// hub owns the rooms; only its goroutine touches them.
type hub struct {
	register   chan *client
	unregister chan *client
	broadcast  chan message
	rooms      map[string]map[*client]bool
}

func (h *hub) run() {
	for {
		select {
		case c := <-h.register:
			if h.rooms[c.room] == nil {
				h.rooms[c.room] = map[*client]bool{}
			}
			h.rooms[c.room][c] = true
			fmt.Printf("JOIN %s %d\n", c.room, len(h.rooms[c.room]))
		case c := <-h.unregister:
			if members := h.rooms[c.room]; members[c] {
				delete(members, c)
				close(c.send)
				fmt.Printf("LEAVE %s %d\n", c.room, len(members))
			}
		case m := <-h.broadcast:
			for c := range h.rooms[m.room] {
				select {
				case c.send <- m:
				default: // too slow: drop the member, as the guides' hub does
					delete(h.rooms[m.room], c)
					close(c.send)
				}
			}
		}
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	compress := flag.Bool("compress", false, "negotiate permessage-deflate and compress what we send")
	asJSON := flag.Bool("json", false, `broadcast text as {"room","from","at","seq","text"}: from (the sender's address), at (Unix ns) and seq vary from run to run`)
	shout := flag.Bool("shout", false, "upper-case broadcast text (a changed server, for replay diffs)")
	flag.Parse()
	log.SetOutput(os.Stderr)

	h := &hub{
		register:   make(chan *client),
		unregister: make(chan *client),
		broadcast:  make(chan message),
		rooms:      map[string]map[*client]bool{},
	}
	go h.run()
	upgrader := websocket.Upgrader{
		EnableCompression: *compress,
		CheckOrigin:       func(*http.Request) bool { return true },
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("LISTENING %d\n", ln.Addr().(*net.TCPAddr).Port)
	log.Fatal(http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		room := r.URL.Query().Get("room")
		if rest := strings.TrimPrefix(r.URL.Path, "/ws/"); room == "" && rest != r.URL.Path && rest != "" {
			room = rest
		}
		if room == "" {
			room = "lobby"
		}
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			log.Println("upgrade:", err)
			return
		}
		conn.EnableWriteCompression(*compress)
		c := &client{room: room, conn: conn, send: make(chan message, 256)}
		h.register <- c
		go c.writePump()
		c.readPump(h, func(typ int, data []byte) []byte {
			if typ != websocket.TextMessage {
				return data
			}
			if *shout {
				data = bytes.ToUpper(data)
			}
			if !*asJSON {
				return data
			}
			out, _ := json.Marshal(map[string]interface{}{
				"room": room, "from": r.RemoteAddr, "at": time.Now().UnixNano(), "seq": atomic.AddInt64(&seq, 1), "text": string(data),
			})
			return out
		})
	})))
}

// seq counts broadcasts in -json mode (a volatile field: it differs from run to run).
var seq int64

func (c *client) readPump(h *hub, shape func(int, []byte) []byte) {
	defer func() {
		h.unregister <- c
	}()
	for {
		typ, data, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		h.broadcast <- message{room: c.room, typ: typ, data: shape(typ, data)}
	}
}

func (c *client) writePump() {
	defer c.conn.Close()
	for m := range c.send {
		c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if err := c.conn.WriteMessage(m.typ, m.data); err != nil {
			return
		}
	}
	// Unregistered: the read side saw a Close (already answered) or an error.
}
