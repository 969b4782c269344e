// Command echo is a gorilla/websocket echo server, the one the Go WebSocket guides build, used by
// wstap's tests as a real peer. It listens on -addr (port 0 by default), prints "LISTENING <port>"
// once the socket is bound, and echoes every message with its type on any path (/echo included).
//
// A few text commands make the server do what an echo cannot:
//
//	close:<code>:<reason>  send a Close frame with that code and reason (server-initiated close)
//	ping:<data>            send a Ping with that payload (the client answers with a Pong)
//	frag:<n>:<text>        send <text> as one text message cut into n frames (see sendFragments)
//
// The query parameter ?wbuf=N upgrades the connection with WriteBufferSize N, to show gorilla's own
// fragmentation: a message written through NextWriter (every compressed one; uncompressed
// WriteMessage always sends one frame) goes out in N-byte frames, except that a single Write of
// more than 2*(N+14) bytes goes out at once as one frame (with what was buffered); RSV1 is set on
// the first frame only.
package main

import (
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

var compress = flag.Bool("compress", false, "negotiate permessage-deflate and compress what we send")

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	log.SetOutput(os.Stderr)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// Tests wait for this line: the port is bound before it is printed.
	fmt.Printf("LISTENING %d\n", ln.Addr().(*net.TCPAddr).Port)
	log.Fatal(http.Serve(ln, http.HandlerFunc(echo)))
}

func upgrader(r *http.Request) *websocket.Upgrader {
	u := &websocket.Upgrader{
		EnableCompression: *compress,
		// Tests connect from any origin (gorilla's default is same-origin only).
		CheckOrigin: func(*http.Request) bool { return true },
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("wbuf")); err == nil && n > 0 {
		u.WriteBufferSize = n
	}
	return u
}

func echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader(r).Upgrade(w, r, nil)
	if err != nil {
		log.Println("upgrade:", err)
		return
	}
	defer conn.Close()
	if *compress {
		conn.EnableWriteCompression(true)
	}
	for {
		mt, p, err := conn.ReadMessage()
		if err != nil {
			// A Close from the client was already answered by gorilla's default close handler.
			return
		}
		if mt == websocket.TextMessage {
			if handled, err := command(conn, string(p)); handled {
				if err != nil {
					log.Println("command:", err)
					return
				}
				continue
			}
		}
		if err := conn.WriteMessage(mt, p); err != nil {
			log.Println("write:", err)
			return
		}
	}
}

func command(conn *websocket.Conn, text string) (bool, error) {
	deadline := time.Now().Add(5 * time.Second)
	switch {
	case strings.HasPrefix(text, "close:"):
		parts := strings.SplitN(strings.TrimPrefix(text, "close:"), ":", 2)
		code, err := strconv.Atoi(parts[0])
		if err != nil {
			return false, nil
		}
		reason := ""
		if len(parts) == 2 {
			reason = parts[1]
		}
		// Keep reading afterwards: the client's Close reply ends the loop.
		return true, conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), deadline)
	case strings.HasPrefix(text, "ping:"):
		return true, conn.WriteControl(websocket.PingMessage, []byte(strings.TrimPrefix(text, "ping:")), deadline)
	case strings.HasPrefix(text, "frag:"):
		parts := strings.SplitN(strings.TrimPrefix(text, "frag:"), ":", 2)
		n, err := strconv.Atoi(parts[0])
		if err != nil || n < 1 || len(parts) != 2 {
			return false, nil
		}
		return true, sendFragments(conn, parts[1], n)
	}
	return false, nil
}

// sendFragments writes text as n frames (text, n-2 continuations, FIN continuation), splitting it
// as evenly as possible. gorilla cannot do this itself: its NextWriter buffers every Write and only
// cuts a frame when its write buffer is full (or on Close), so Write boundaries never show on the
// wire. The frames are therefore written here, unmasked and uncompressed as a server's must be,
// on the connection gorilla hijacked; nothing else writes to it meanwhile (one goroutine).
func sendFragments(conn *websocket.Conn, text string, n int) error {
	var out []byte
	for i := 0; i < n; i++ {
		piece := text[len(text)*i/n : len(text)*(i+1)/n]
		b0 := byte(0) // continuation
		if i == 0 {
			b0 = websocket.TextMessage
		}
		if i == n-1 {
			b0 |= 0x80
		}
		out = append(out, b0)
		switch l := len(piece); {
		case l < 126:
			out = append(out, byte(l))
		case l < 65536:
			out = append(out, 126, byte(l>>8), byte(l))
		default:
			out = append(out, 127)
			out = binary.BigEndian.AppendUint64(out, uint64(l))
		}
		out = append(out, piece...)
	}
	_, err := conn.UnderlyingConn().Write(out)
	return err
}
