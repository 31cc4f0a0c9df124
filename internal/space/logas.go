package space

// As returns the same log appended to by the same device on behalf of p: one computer where
// both partners sit writes each partner's own input as that partner (a check-in's two
// answers, a moved record's named parts), signed by the one device identity it has.
func (l *Log) As(p Person) *Log {
	out := *l
	out.author.Person = p
	return &out
}

// Person is who the log appends as.
func (l *Log) Person() Person { return l.author.Person }
