package importer

// Test hooks: the size limit, made small so the refusal can be tested without 200 MB.
var (
	JRNLLimited   = jrnlLimited
	DayOneLimited = dayOneLimited
)
