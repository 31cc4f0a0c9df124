// Package bridgelog owns the logger Goldseam hands to Wails (options.App.Logger).
//
// Wails copies whole bridge messages into some of its log lines: when a bound method
// panics or its arguments do not fit, it logs "process message error: <message> -> <err>"
// with the method's arguments (what a person typed) inside <message>, then logs <err>
// again on its own; at trace level it logs every call's result; and whatever the page
// sends through the runtime's Log functions arrives here too. This logger writes none of
// that: bridge payloads are withheld, only the method's name and the kind of failure remain.
//
// The exact lines Wails writes come from github.com/wailsapp/wails/v2 v2.16.0
// (internal/frontend/dispatcher and internal/frontend/desktop/*/frontend.go); the tests
// replay them, and scripts/bridgecheck replays them through Wails' own dispatcher.
package bridgelog

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	wailslogger "github.com/wailsapp/wails/v2/pkg/logger"
)

// Logger implements Wails' pkg/logger.Logger, writing one line per message to out.
type Logger struct {
	mu  sync.Mutex
	out io.Writer
	// echoes holds error texts withheld from a "process message error" line: Wails logs
	// the same error again on its own line next, which must be withheld too.
	echoes map[string]int
}

// New returns a Logger writing to out (the app passes os.Stderr).
func New(out io.Writer) *Logger {
	return &Logger{out: out, echoes: map[string]int{}}
}

// Print is how Wails writes what the page logs with the runtime's LogPrint: never written.
func (l *Logger) Print(string) {}

// Trace carries every call's result (decrypted entries): never written.
func (l *Logger) Trace(string) {}

// Debug carries the asset server's requests, among others: never written.
func (l *Logger) Debug(string) {}

// Info writes message with any bridge payload withheld.
func (l *Logger) Info(message string) { l.write("INFO", message) }

// Warning writes message with any bridge payload withheld.
func (l *Logger) Warning(message string) { l.write("WARNING", message) }

// Error writes message with any bridge payload withheld.
func (l *Logger) Error(message string) { l.write("ERROR", message) }

// Fatal writes message with any bridge payload withheld; Wails exits afterwards.
func (l *Logger) Fatal(message string) { l.write("FATAL", message) }

func (l *Logger) write(level, message string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := l.echoes[message]; n > 0 {
		if n == 1 {
			delete(l.echoes, message)
		} else {
			l.echoes[message] = n - 1
		}
		return
	}
	fmt.Fprintf(l.out, "wails %s: %s\n", level, l.clean(message))
}

const failedCall = "process message error: "

// maxEchoes bounds the withheld error texts waiting for their repeat.
const maxEchoes = 32

// payloadTails are Wails' lines whose text after the prefix is a bridge message, a call's
// result or a link; the prefix alone is kept.
var payloadTails = []string{
	"Unknown message from front end: ",
	"Unknown message returned from dispatcher: ",
	"Invalid Log Message: ",
	"Invalid Set Log Level Message: ",
	"Invalid Event Message: ",
	"Invalid Window Message: ",
	"Invalid Browser Message: ",
	"Invalid drag and drop Message: ",
	"Invalid x coordinate in drag and drop Message: ",
	"Invalid y coordinate in drag and drop Message: ",
	"unknown Window message: ",
	"unknown Browser message: ",
	"unknown systemcall message: ",
	"error parsing arguments: ",
	"Invalid URL ",
}

// looksLikePayload catches bridge messages in any other line: JSON objects or arrays, a
// call's arguments, a quoted value.
var looksLikePayload = regexp.MustCompile(`[{\["]|args|cannot convert`)

// clean returns message with every bridge payload withheld. l.mu is held.
func (l *Logger) clean(message string) string {
	if rest, ok := strings.CutPrefix(message, failedCall); ok {
		what, echo := describeFailedCall(rest)
		if len(l.echoes) >= maxEchoes { // echoes Wails never repeated: forget them
			clear(l.echoes)
		}
		if echo != "" {
			l.echoes[echo]++
		}
		return failedCall + what
	}
	for _, prefix := range payloadTails {
		if strings.HasPrefix(message, prefix) {
			return prefix + "(withheld)"
		}
	}
	if looksLikePayload.MatchString(message) {
		return "(a message from the window's bridge, withheld)"
	}
	return message
}

// methodName is what a bound method's name looks like (api.Vault.Unlock).
var methodName = regexp.MustCompile(`^[A-Za-z0-9_.]{1,120}$`)

// describeFailedCall reads "<message> -> <err>" as Wails formats it and says which method
// failed and how, and returns the error text that Wails logs again on its own line.
func describeFailedCall(rest string) (what, echo string) {
	if rest == "" || (rest[0] != 'C' && rest[0] != 'c') {
		kind := "an empty message"
		if rest != "" {
			kind = fmt.Sprintf("a message of kind %q", rest[:1])
		}
		return kind + " from the window failed (its text is withheld)", errorAfterArrow(rest)
	}
	dec := json.NewDecoder(strings.NewReader(rest[1:]))
	var call struct {
		Name string `json:"name"`
		ID   int    `json:"id"`
	}
	subject := "an unreadable call"
	if err := dec.Decode(&call); err == nil {
		switch {
		case methodName.MatchString(call.Name):
			subject = "a call of " + call.Name
		case call.Name == "" && rest[0] == 'c':
			subject = fmt.Sprintf("a call of method number %d", call.ID)
		}
		if tail := rest[1+int(dec.InputOffset()):]; strings.HasPrefix(tail, " -> ") {
			echo = tail[len(" -> "):]
		}
	} else {
		echo = errorAfterArrow(rest)
	}
	return fmt.Sprintf("%s failed: %s (arguments and error text withheld)", subject, failureKind(echo)), echo
}

// errorAfterArrow guesses the error text of a message that is not a readable call: what
// follows the last " -> ".
func errorAfterArrow(rest string) string {
	if i := strings.LastIndex(rest, " -> "); i >= 0 {
		return rest[i+len(" -> "):]
	}
	return ""
}

// failureKind names a failure without its text, which may quote a value.
func failureKind(err string) string {
	switch {
	case strings.HasPrefix(err, "error parsing arguments"):
		return "its arguments did not fit"
	case strings.HasPrefix(err, "received ") && strings.Contains(err, " arguments to method "):
		return "it was sent the wrong number of arguments"
	case strings.HasPrefix(err, "method ") && strings.HasSuffix(err, " not registered"):
		return "no such method is bound"
	}
	return "it panicked or the message was malformed"
}

var _ wailslogger.Logger = (*Logger)(nil)
