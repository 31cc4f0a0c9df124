package bridgelog_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/bridgelog"
)

// canary stands for what a person typed into a field and sent to Go.
const canary = "moonlit-canary-4417 what I never said"

// callMessage is a bound-method call as the Wails runtime sends it ('C' + JSON).
func callMessage(name string, args ...any) string {
	raw, _ := json.Marshal(map[string]any{"name": name, "args": args, "callbackID": name + "-2894712"})
	return "C" + string(raw)
}

// dispatchFailure replays what Wails v2.16.0 logs when ProcessMessage fails: the
// dispatcher's deferred "process message error: %s -> %s" (internal/frontend/dispatcher/
// dispatcher.go), then the frontend's own f.logger.Error("%s", err.Error())
// (internal/frontend/desktop/{linux,darwin,windows}/frontend.go).
func dispatchFailure(l *bridgelog.Logger, message string, err error) {
	l.Error(fmt.Sprintf("process message error: %s -> %s", message, err))
	l.Error(fmt.Sprintf("%s", err.Error()))
}

func TestNothingFromTheBridgeReachesTheLog(t *testing.T) {
	var out strings.Builder
	l := bridgelog.New(&out)

	// A bound method panics with what it was given (dispatcher.go: fmt.Errorf("%v", e)).
	save := callMessage("api.Journal.Save", map[string]any{"date": "2027-01-02", "body": canary})
	dispatchFailure(l, save, fmt.Errorf("%v", "could not save "+canary))
	// A runtime panic inside a method arrives as the error itself.
	dispatchFailure(l, callMessage("api.Vault.Unlock", canary), errors.New("runtime error: index out of range [3] with length 2"))
	// Arguments that do not fit (calls.go: "error parsing arguments: %s").
	bad := callMessage("api.Journal.List", canary, 10)
	dispatchFailure(l, bad, fmt.Errorf("error parsing arguments: %s", `json: cannot unmarshal string into Go value of type int`))
	// The wrong number of arguments (binding/boundMethod.go).
	dispatchFailure(l, callMessage("api.Vault.Unlock", canary, canary),
		fmt.Errorf("error parsing arguments: %s", "received 2 arguments to method 'api.Vault.Unlock', expected 1"))
	// A secure (obfuscated) call: 'c' and a method number.
	raw, _ := json.Marshal(map[string]any{"id": 7, "args": []string{canary}, "callbackID": "x"})
	dispatchFailure(l, "c"+string(raw), fmt.Errorf("%v", canary))
	// Not a call at all (dispatcher.go: "Unknown message from front end: " + message).
	odd := "Z" + canary
	dispatchFailure(l, odd, errors.New("Unknown message from front end: "+odd))
	dispatchFailure(l, "E"+canary, errors.New("Invalid Event Message: E"+canary))
	dispatchFailure(l, "BO"+canary, errors.New("Invalid Browser Message: BO"+canary))
	// A call cut short: not even readable JSON.
	dispatchFailure(l, `C{"name":"api.Journal.Save","args":[{"body":"`+canary, errors.New("unexpected end of JSON input"))

	// Lines that carry the payload without failing a call.
	l.Trace(fmt.Sprintf("json call result data: %+v\n", `{"result":{"body":"`+canary+`"},"callbackid":"x"}`))
	l.Print(canary)                                                                         // runtime LogPrint (dispatcher/log.go)
	l.Debug(canary)                                                                         // runtime LogDebug
	l.Info(canary + " {")                                                                   // runtime LogInfo of anything JSON-like
	l.Info(fmt.Sprintf("Unknown message returned from dispatcher: %+v", "x"+canary))        // linux/frontend.go
	l.Error(fmt.Sprintf("unknown Browser message: %s", "BX"+canary))                        // dispatcher/browser.go
	l.Error(fmt.Sprintf("unknown Window message: %s", "WX"+canary))                         // dispatcher/window.go
	l.Error(fmt.Sprintf("cannot convert %s to integer!", canary))                           // dispatcher/window.go
	l.Error(fmt.Sprintf("Invalid URL %s", `parse "https://`+canary+`": invalid character`)) // linux/browser.go
	l.Fatal(fmt.Sprintf("%s", "Invalid Log Message: L"+canary))

	got := out.String()
	for _, secret := range []string{canary, "moonlit", "never said", "2027-01-02"} {
		if strings.Contains(got, secret) {
			t.Fatalf("%q reached the log:\n%s", secret, got)
		}
	}
	// The log still says what failed, without the text: a person debugging can find the method.
	for _, want := range []string{
		"process message error: a call of api.Journal.Save failed: it panicked or the message was malformed (arguments and error text withheld)",
		"a call of api.Journal.List failed: its arguments did not fit",
		"a call of method number 7 failed",
		`a message of kind "Z" from the window failed`,
		"an unreadable call failed",
		"unknown Browser message: (withheld)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the log does not say %q:\n%s", want, got)
		}
	}
	if lines := strings.Count(got, "\n"); lines != 9+7 {
		t.Errorf("%d lines written, want one for each of 9 failed calls and 7 other lines with their payload withheld:\n%s", lines, got)
	}
}

// Lines with nothing from the bridge in them are written as Wails wrote them.
func TestOrdinaryWailsLinesAreKept(t *testing.T) {
	var out strings.Builder
	l := bridgelog.New(&out)
	l.Error("Blocked request from unauthorized origin: http://evil.example")
	l.Warning("WebView failed to set AllowExternalDrag to false!")
	l.Info("Unable to open default system browser")
	want := "wails ERROR: Blocked request from unauthorized origin: http://evil.example\n" +
		"wails WARNING: WebView failed to set AllowExternalDrag to false!\n" +
		"wails INFO: Unable to open default system browser\n"
	if out.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// The repeat of a withheld error is dropped once, not forever: the same text logged later
// for another reason is written (withheld or not by its own shape).
func TestAWithheldErrorIsDroppedOnlyForItsRepeat(t *testing.T) {
	var out strings.Builder
	l := bridgelog.New(&out)
	dispatchFailure(l, callMessage("api.System.Info"), errors.New("boom"))
	l.Error("boom")
	if got := out.String(); strings.Count(got, "\n") != 2 || !strings.HasSuffix(got, "wails ERROR: boom\n") {
		t.Fatalf("got\n%s", got)
	}
}
