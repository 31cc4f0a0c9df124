package program

// This file owns where a person stands: the roles, and the words that name each partner's
// side of a step for a person in each role.

// Role is where a person stands.
type Role string

// The roles a step speaks to. Unsaid is someone who preferred not to say: they see the
// prompts for both partners. Both is someone who says each of them broke trust and each
// was hurt: both partners' prompts are theirs, named as their own.
const (
	Hurt       Role = "hurt"        // the partner who was hurt
	BrokeTrust Role = "broke-trust" // the partner who broke trust
	Both       Role = "both"        // we both broke trust
	Unsaid     Role = "unsaid"
)

// Roles lists every role a person can choose, in the order they are offered.
var Roles = []Role{Hurt, BrokeTrust, Both, Unsaid}

// Side is one partner's prompts and exercise as a person in some role sees them named.
type Side struct {
	For           Role   // Hurt or BrokeTrust: whose prompts these are
	Heading       string // above the prompts
	ExerciseLabel string // above the exercise, when a step shows more than one
}

// sides holds every role's words for the two partners' sides. A role missing here would
// see nothing of a step, so TestEveryRoleHasWordsForEachSide checks each one.
var sides = map[Role][]Side{
	Hurt:       {{Hurt, "If you were hurt", "For the partner who was hurt"}},
	BrokeTrust: {{BrokeTrust, "If you broke trust", "For the partner who broke trust"}},
	Both: {
		{Hurt, "Where you were hurt", "For the hurt you carry"},
		{BrokeTrust, "Where you broke trust", "For the trust you broke"},
	},
	Unsaid: {
		{Hurt, "If you were hurt", "For the partner who was hurt"},
		{BrokeTrust, "If you broke trust", "For the partner who broke trust"},
	},
}

// Sides returns the partners' sides that speak to a person in r, in order, each with the
// words that name it for them; none for a role that is not one of Roles.
func (r Role) Sides() []Side { return sides[r] }

// ExercisesFor returns the exercises for a person in role, each under the role it is for:
// the one everyone shares, or their own side's. Someone who preferred not to say sees both
// sides', so the app never has to guess where they stand, and so does someone who says
// they both broke trust, since both sides are theirs.
func (s Step) ExercisesFor(r Role) []RoleExercise {
	if e, ok := s.Exercises[Unsaid]; ok && len(r.Sides()) > 0 {
		return []RoleExercise{{For: Unsaid, Exercise: e}}
	}
	var out []RoleExercise
	for _, side := range r.Sides() {
		out = append(out, RoleExercise{For: side.For, Label: side.ExerciseLabel, Exercise: s.Exercises[side.For]})
	}
	return out
}

// RoleExercise is an exercise with the role it is for (Unsaid: everyone) and, for one
// partner's exercise, the words that name it for the person reading.
type RoleExercise struct {
	For   Role
	Label string
	Exercise
}
