package importer

// Test hooks: the formats by name, so tests can read an export as a given app's.
var (
	DayOneFormat = dayOne
	JRNLFormat   = jrnl
)
