package vault

import "fmt"

// SealedColumn is one column of the data file that holds sealed values, and how each row's
// Field is made. The list below is the one place that knows them all: the domain packages
// seal and open through these entries, and rotation and the format migration reseal every
// row of every entry. A new sealed table is one more entry here.
type SealedColumn struct {
	Table   string
	ID      string   // the column that names the row in its Field (a uuid, a step id, the one row's id)
	Column  string   // the sealed column; a NULL value (a shared tombstone) is no value
	Purpose Purpose  // the content key that seals it
	Bound   []string // clear columns of the row bound into each value (Field.Bound), in this order
	// v1Column names the column as field format 1 bound it, when that was not Column.
	v1Column func(bound []string) string
}

// Field is where the value of row lives, with the row's bound columns' values in order.
func (c *SealedColumn) Field(row string, bound ...string) Field {
	if len(bound) != len(c.Bound) {
		panic(fmt.Sprintf("vault: %s.%s binds %d values, got %d", c.Table, c.Column, len(c.Bound), len(bound)))
	}
	return Field{Table: c.Table, Row: row, Column: c.Column, Bound: bound}
}

// legacyField is the field as format 1 bound it: table, row and column only.
func (c *SealedColumn) legacyField(row string, bound []string) Field {
	column := c.Column
	if c.v1Column != nil {
		column = c.v1Column(bound)
	}
	return Field{Table: c.Table, Row: row, Column: column}
}

// The sealed columns of the data file.
var (
	JournalContent = &SealedColumn{Table: "journal_entries", ID: "id", Column: "content", Purpose: Journal,
		Bound: []string{"entry_date"}}
	ProfileContent    = &SealedColumn{Table: "profile", ID: "id", Column: "content", Purpose: Journal}
	StepStateContent  = &SealedColumn{Table: "step_states", ID: "step_id", Column: "content", Purpose: Journal}
	ExerciseContent   = &SealedColumn{Table: "exercise_records", ID: "id", Column: "content", Purpose: Journal, Bound: []string{"step_id"}}
	AutoBackupContent = &SealedColumn{Table: "auto_backup", ID: "id", Column: "content", Purpose: Journal}
	SettingContent    = &SealedColumn{Table: "sealed_settings", ID: "name", Column: "content", Purpose: Journal}
	// SharedContent binds the record's kind and parent: a version or signature moved under
	// another agreement, or relabelled as another kind, does not open.
	SharedContent = &SealedColumn{Table: "shared_records", ID: "id", Column: "content", Purpose: Shared,
		Bound: []string{"kind", "parent_id"}, v1Column: func(b []string) string { return "content:" + b[0] }}
	// DeviceSecret is the device identity's private halves (device.go), bound to its id and
	// public halves: a public key or id swapped in the file leaves the private halves shut.
	// The journal key seals it, as everything only this computer may use.
	DeviceSecret = &SealedColumn{Table: "device_identity", ID: "id", Column: "secret", Purpose: Journal,
		Bound: []string{"device_id", "sign_public", "box_public", "box_signature"}}
	// SharedChangeContent binds a change's whole canonical header (record, kind, parent,
	// field, clock, device, time): a payload moved under another header does not open. A
	// change's id and signature cover a commitment to the payload, not its ciphertext, so
	// resealing it here keeps them valid (internal/space, change.go).
	SharedChangeContent = &SealedColumn{Table: "shared_changes", ID: "id", Column: "sealed", Purpose: Shared,
		Bound: []string{"header"}}
	// SharingState is how this copy shares the space (internal/sharing): the exchange folder,
	// the space key, the partner's devices, what was read. The journal key seals it: the
	// partner never needs it, and the space key inside must stay off the disk in the clear.
	SharingState = &SealedColumn{Table: "sharing_state", ID: "id", Column: "content", Purpose: Journal}
	// SpaceHere is which of the couple's two places is the person at this computer, once
	// paired (internal/sharing). The shared key seals it: every service of the space reads it.
	SpaceHere = &SealedColumn{Table: "space_here", ID: "id", Column: "content", Purpose: Shared}
)

// SealedColumns lists every sealed column; rotation and migration walk it.
var SealedColumns = []*SealedColumn{
	JournalContent, ProfileContent, StepStateContent, ExerciseContent, AutoBackupContent, SettingContent, SharedContent,
	DeviceSecret,
	SharedChangeContent,
	SharingState, SpaceHere,
}
