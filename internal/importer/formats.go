package importer

// Formats lists every app's export Goldseam reads, in the order the interface offers them.
// Each format is declared in its own file as a Format (ID, Name, Keeps: the one sentence
// shown beside the app's button, Folder, Read); adding one is one line here.
func Formats() []Format {
	return []Format{
		dayOne,
		jrnl,
		daylio,
		standardNotes,
		diaro,
		markdownFolder,
		journey,
		appleJournal,
	}
}

// FormatByID finds a format by its ID ("dayone", "jrnl", ...).
func FormatByID(id string) (Format, bool) {
	for _, f := range Formats() {
		if f.ID == id {
			return f, true
		}
	}
	return Format{}, false
}
