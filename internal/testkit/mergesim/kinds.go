package mergesim

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/space"
)

// The kinds' round: the same devices and network, but every change is made through the
// packages that give the records meaning (agreements written, revised and signed, check-ins
// answered, experiences noted and deleted, ties chosen), so the rules those packages derive
// ("agreed" from signatures on the current version, version ids from words, one answer and one
// feeling per person) are judged too: every device must read the same agreements, check-ins
// and experiences, and every signature made must still be on its version.

// couple are the two people of the kinds' round; device 2 is the first person's second computer.
var couple = space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}

var kindPeople = [Devices]space.Person{couple.Partner(0), couple.Partner(1), couple.Partner(0)}

var agreementRoles = [2]string{couple.Partner(0).Role, couple.Partner(1).Role}

// epoch is the clock the experiences are stamped with: fixed, so a seed replays alike.
var epoch = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// actKind has device d do one thing a person could do on their screens, and sends what it wrote.
func (s *schedule) actKind(ctx context.Context, d int) error {
	return s.sendWritten(ctx, d, func(log *space.Log) error {
		switch s.rng.IntN(8) {
		case 0:
			_, err := agreements.New(log).Create(ctx, agreements.Wording{What: s.value(d)}, "", kindPeople[d])
			return err
		case 1:
			return s.onAgreement(ctx, log, func(a *agreements.Agreements, dt agreements.Detail) error {
				return a.Revise(ctx, dt.ID, agreements.Wording{What: s.value(d)}, dt.ReviewOn, kindPeople[d])
			})
		case 2, 3:
			return s.onAgreement(ctx, log, func(a *agreements.Agreements, dt agreements.Detail) error {
				return a.Sign(ctx, dt.ID, dt.Current.ID, kindPeople[d])
			})
		case 4:
			return s.checkIn(ctx, log, d)
		case 5:
			return s.experience(ctx, log, d)
		case 6:
			st, err := log.State(ctx)
			if err != nil {
				return err
			}
			if draft, ok := s.choose(st); ok {
				_, err = log.Append(ctx, draft)
			}
			return err
		default:
			return s.deleteOne(ctx, log)
		}
	})
}

// raceKinds has devices d and e catch up, then both revise the same agreement before either
// hears of the other: two wordings at once, a tie on the current version.
func (s *schedule) raceKinds(ctx context.Context, d, e int) error {
	for _, i := range []int{d, e} {
		if err := s.deliver(ctx, i, len(s.devices[i].inbox)); err != nil {
			return err
		}
	}
	list, err := agreements.New(s.devices[d].log).List(ctx)
	if err != nil || len(list) == 0 {
		return err
	}
	target := list[s.rng.IntN(len(list))]
	for _, i := range []int{d, e} {
		err := s.sendWritten(ctx, i, func(log *space.Log) error {
			return agreements.New(log).Revise(ctx, target.ID, agreements.Wording{What: s.value(i)}, target.ReviewOn, kindPeople[i])
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// sendWritten runs do on device d's log and sends every change it wrote. A refusal a person
// would see (a coded sentence: already signed, tied, retired, gone) writes nothing and is no
// failure of the trial.
func (s *schedule) sendWritten(ctx context.Context, d int, do func(log *space.Log) error) error {
	log := s.devices[d].log
	before, err := log.All(ctx)
	if err != nil {
		return err
	}
	if err := do(log); err != nil && !refused(err) {
		return err
	}
	after, err := log.All(ctx)
	if err != nil {
		return err
	}
	had := make(map[string]bool, len(before))
	for _, c := range before {
		had[c.ID] = true
	}
	var written []space.Change
	for _, c := range after {
		if !had[c.ID] {
			written = append(written, c)
		}
	}
	s.distribute(d, written)
	return nil
}

func refused(err error) bool {
	return errors.Is(err, agreements.ErrChanged) || errors.Is(err, agreements.ErrNotFound) || errors.Is(err, space.ErrNotFound) || apperr.CodeOf(err) != apperr.Internal
}

// onAgreement runs do on an agreement device's copy shows, when it has one.
func (s *schedule) onAgreement(ctx context.Context, log *space.Log, do func(*agreements.Agreements, agreements.Detail) error) error {
	a := agreements.New(log)
	list, err := a.List(ctx)
	if err != nil || len(list) == 0 {
		return err
	}
	return do(a, list[s.rng.IntN(len(list))])
}

// checkIn starts a check-in, or answers (again) one the copy shows, as device d's person.
func (s *schedule) checkIn(ctx context.Context, log *space.Log, d int) error {
	list, err := checkins.Read(ctx, log, couple)
	if err != nil {
		return err
	}
	in := checkins.CheckIn{On: fmt.Sprintf("2026-11-%02d", 1+s.rng.IntN(28))}
	if len(list) > 0 && s.rng.IntN(3) > 0 {
		c := list[s.rng.IntN(len(list))].CheckIn
		in.ID, in.On = c.ID, c.On
	}
	in.Answers = []checkins.Answer{{Name: kindPeople[d].Name, WentWell: s.value(d)}}
	_, err = checkins.Save(ctx, log, couple, in)
	return err
}

// experience adds an idea, or renames one or notes how it felt, as device d's person.
func (s *schedule) experience(ctx context.Context, log *space.Log, d int) error {
	x := s.experiences(log, kindPeople[d])
	list, err := x.List(ctx)
	if err != nil {
		return err
	}
	in := experiences.Experience{Title: s.value(d), Status: experiences.Idea}
	if len(list) > 0 && s.rng.IntN(3) > 0 {
		in = list[s.rng.IntN(len(list))].Experience
		if s.rng.IntN(2) == 0 {
			in.Title = s.value(d)
		} else {
			in.HowItFelt = s.value(d)
		}
	}
	_, err = x.Save(ctx, in)
	return err
}

func (s *schedule) experiences(log *space.Log, me space.Person) *experiences.Experiences {
	return experiences.New(log, func() time.Time { return epoch }, experiences.People{Me: me, Couple: [2]space.Person{couple.Partner(0), couple.Partner(1)}})
}

// deleteOne deletes a check-in or an experience the copy shows.
func (s *schedule) deleteOne(ctx context.Context, log *space.Log) error {
	if s.rng.IntN(2) == 0 {
		list, err := checkins.Read(ctx, log, couple)
		if err != nil || len(list) == 0 {
			return err
		}
		return checkins.Delete(ctx, log, list[s.rng.IntN(len(list))].CheckIn.ID)
	}
	x := s.experiences(log, couple.Partner(0))
	list, err := x.List(ctx)
	if err != nil || len(list) == 0 {
		return err
	}
	return x.Delete(ctx, list[s.rng.IntN(len(list))].ID)
}

// kindsView is what a device's screens read: every agreement with its derived status, every
// check-in, every experience (read for one person on every device, so "mine" is alike).
type kindsView struct {
	Agreements  []agreements.Detail
	CheckIns    []checkins.Folded
	Experiences []experiences.Item
}

func (s *schedule) readKinds(ctx context.Context, log *space.Log) (kindsView, error) {
	var v kindsView
	book, err := agreements.Read(ctx, log, agreementRoles)
	if err == nil {
		v.Agreements, err = book.List()
	}
	if err == nil {
		v.CheckIns, err = checkins.Read(ctx, log, couple)
	}
	if err == nil {
		v.Experiences, err = s.experiences(log, couple.Partner(0)).List(ctx)
	}
	return v, err
}

// judgeKinds adds to n the signatures made that their agreement no longer lists, and
// reports whether two devices' screens would read differently.
func (s *schedule) judgeKinds(ctx context.Context, n *Counts) (bool, error) {
	var views [Devices]kindsView
	for i, d := range s.devices {
		v, err := s.readKinds(ctx, d.log)
		if err != nil {
			return false, err
		}
		views[i] = v
		n.LostWrites += lostSignatures(v, s.made)
	}
	for _, v := range views[1:] {
		if !reflect.DeepEqual(v, views[0]) {
			return true, nil
		}
	}
	return false, nil
}

// lostSignatures counts the signatures made that their (live) agreement does not list.
func lostSignatures(v kindsView, made []space.Change) int {
	listed := map[string]bool{} // signature records, each one person's on one version
	live := map[string]bool{}
	for _, d := range v.Agreements {
		live[d.ID] = true
		for _, sig := range d.Signatures {
			listed[space.PersonalRecordID(agreements.KindSignature, sig.Version, sig.Person)] = true
		}
	}
	lost := 0
	for _, c := range made {
		if c.Kind == agreements.KindSignature && c.Field == space.FieldWhole && live[c.Parent] && !listed[c.Record] {
			lost++
		}
	}
	return lost
}
