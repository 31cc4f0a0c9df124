package cli

import "errors"

// noWindow is the host of the command line: there is no window to show a dialog in.
type noWindow struct{}

var errNoWindow = errors.New("there is no window on the command line")

func (noWindow) OpenURL(string)                          {}
func (noWindow) Emit(string, any)                        {}
func (noWindow) SaveFile(string, string) (string, error) { return "", errNoWindow }
func (noWindow) OpenFile(string) (string, error)         { return "", errNoWindow }
func (noWindow) ChooseFolder(string) (string, error)     { return "", errNoWindow }
func (noWindow) SetTitle(string)                         {}
func (noWindow) Hide()                                   {}
func (noWindow) Print()                                  {}
