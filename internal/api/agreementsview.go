package api

import (
	"github.com/goldseam/goldseam/internal/agreements"
)

// AgreementSignature is one partner's "I agree to these words" to one version.
type AgreementSignature struct {
	Name string `json:"name"`
	At   string `json:"at"` // when it was signed, RFC 3339 (the old table's time for one moved from it)
	By   Writer `json:"by"` // who made the change, on which computer
}

// AgreementVersion is one wording of an agreement, and the signatures on it.
type AgreementVersion struct {
	ID         string               `json:"id"`      // derived from the words: what a signature names
	Number     int                  `json:"number"`  // "version 2": its place in the chain of revisions
	Revises    string               `json:"revises"` // the version it was written over
	What       string               `json:"what"`
	Why        string               `json:"why"`
	Actions    []string             `json:"actions"`
	Category   string               `json:"category"`
	ChangedBy  string               `json:"changedBy"`
	At         string               `json:"at"` // RFC 3339
	By         Writer               `json:"by"`
	Signatures []AgreementSignature `json:"signatures"`
}

// AgreementEvent is one line of an agreement's history.
type AgreementEvent struct {
	What    string `json:"what"`
	By      string `json:"by"`
	Version int    `json:"version"`
	Note    string `json:"note"`
	At      string `json:"at"`
}

// AgreementView is an agreement as the screens show it.
type AgreementView struct {
	ID         string               `json:"id"`
	Status     string               `json:"status"` // draft, proposed, agreed, active, up-for-review, retired
	Version    int                  `json:"version"`
	ProposedBy string               `json:"proposedBy"`
	ReviewOn   string               `json:"reviewOn"`
	CreatedAt  string               `json:"createdAt"`
	Current    AgreementVersion     `json:"current"`
	Versions   []AgreementVersion   `json:"versions"`   // oldest first, each with its signatures
	Signatures []AgreementSignature `json:"signatures"` // on the current version
	History    []AgreementEvent     `json:"history"`
	// Tied holds the ids of the versions that were both made current at once, until the two
	// choose (Written.Ties has the choice to make); empty otherwise.
	Tied []string `json:"tied"`
	// Written is who made the agreement and changed it last, its ties and every value of its
	// fields that lost a merge.
	Written Written `json:"written"`
}

func versionView(v agreements.Version, sigs []agreements.Signature, here string) AgreementVersion {
	w := v.Wording
	if w.Actions == nil {
		w.Actions = []string{}
	}
	by := writerOf(v.By, here)
	by.At = stamp(v.Written)
	out := AgreementVersion{ID: v.ID, Number: v.Number, Revises: v.Revises, What: w.What, Why: w.Why, Actions: w.Actions, Category: w.Category,
		ChangedBy: v.By.Person.Name, At: stamp(v.Written), By: by, Signatures: []AgreementSignature{}}
	for _, s := range sigs {
		if s.Version == v.ID {
			sb := writerOf(s.By, here)
			sb.At = stamp(s.Written)
			out.Signatures = append(out.Signatures, AgreementSignature{Name: s.Person.Name, At: stamp(s.Written), By: sb})
		}
	}
	return out
}

func agreementView(d agreements.Detail, today, here string) AgreementView {
	if d.ID == "" {
		return AgreementView{}
	}
	out := AgreementView{ID: d.ID, Status: d.Shown(today), Version: d.Current.Number, ProposedBy: d.ProposedBy.Name, ReviewOn: d.ReviewOn,
		CreatedAt: stamp(d.Created), Current: versionView(d.Current, d.Signatures, here),
		Versions: []AgreementVersion{}, History: []AgreementEvent{}, Tied: append([]string{}, d.Tied...), Written: writtenOf(d.Record, here)}
	out.Signatures = out.Current.Signatures
	for _, v := range d.Versions {
		out.Versions = append(out.Versions, versionView(v, d.Signatures, here))
	}
	for _, e := range d.History() {
		out.History = append(out.History, AgreementEvent{What: e.What, By: e.By, Version: e.Version, Note: e.Note, At: stamp(e.At)})
	}
	return out
}
