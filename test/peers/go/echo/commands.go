package main

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// command runs a text command (see main.go); handled is false for any other text, which is echoed.
func (s *session) command(text string) (handled bool, err error) {
	deadline := time.Now().Add(writeWait)
	switch {
	case text == "drop":
		s.drop()
		return true, nil
	case strings.HasPrefix(text, "drop:"):
		n, err := strconv.Atoi(strings.TrimPrefix(text, "drop:"))
		if err != nil || n < 0 {
			return false, nil
		}
		// Counted before the drop, so no reconnect can slip in between.
		rejectMu.Lock()
		rejectNext += n
		rejectMu.Unlock()
		s.drop()
		return true, nil
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
		return true, s.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), deadline)
	case strings.HasPrefix(text, "ping:"):
		return true, s.conn.WriteControl(websocket.PingMessage, []byte(strings.TrimPrefix(text, "ping:")), deadline)
	case strings.HasPrefix(text, "frag:"):
		parts := strings.SplitN(strings.TrimPrefix(text, "frag:"), ":", 2)
		n, err := strconv.Atoi(parts[0])
		if err != nil || n < 1 || len(parts) != 2 {
			return false, nil
		}
		s.rawMu.Lock()
		defer s.rawMu.Unlock()
		return true, sendFragments(s.conn, parts[1], n)
	}
	return false, nil
}

// sendFragments writes text as n frames (text, n-2 continuations, FIN continuation), splitting it
// as evenly as possible. gorilla cannot do this itself: its NextWriter buffers every Write and only
// cuts a frame when its write buffer is full (or on Close), so Write boundaries never show on the
// wire. The frames are therefore written here, unmasked and uncompressed as a server's must be,
// on the connection gorilla hijacked; the caller holds rawMu so no Ping goes out in between.
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

// maxPrinted is how much of a message a MSG/PING/PONG line shows.
const maxPrinted = 1024

// printable makes a payload fit on one stdout line: \, CR and LF escaped as \\, \r, \n; a payload
// over maxPrinted bytes is cut there and followed by "... (<n> bytes)".
func printable(p []byte) string {
	text := p
	if len(text) > maxPrinted {
		text = text[:maxPrinted]
	}
	escaped := strings.NewReplacer(`\`, `\\`, "\r", `\r`, "\n", `\n`).Replace(string(text))
	if len(p) > maxPrinted {
		return fmt.Sprintf("%s... (%d bytes)", escaped, len(p))
	}
	return escaped
}
