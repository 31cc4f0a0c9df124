package space_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

type idea struct {
	ID, Text, At string
}

var errEmpty = errors.New("empty")

func ideas(t *testing.T) (*space.Space, *space.Collection[idea], *vault.ContentKey) {
	t.Helper()
	db, key := testvault.OpenKey(t, vault.Shared)
	s := space.New(db)
	return s, space.NewCollection(s, "idea", space.Rules[idea]{
		ID: func(i *idea) *string { return &i.ID },
		Clean: func(i idea, now time.Time) (idea, error) {
			i.Text, i.At = strings.TrimSpace(i.Text), now.UTC().Format(time.RFC3339Nano)
			if i.Text == "" {
				return i, errEmpty
			}
			return i, nil
		},
		Order: func(a, b idea) int { return strings.Compare(a.Text, b.Text) },
	}), key
}

func TestACollectionKeepsCleanValuesInItsOrderAndRefusesTheRest(t *testing.T) {
	ctx := context.Background()
	s, c, key := ideas(t)
	if _, err := c.Save(ctx, key, idea{Text: "   "}); !errors.Is(err, errEmpty) {
		t.Fatalf("an empty idea: %v, want the rule's refusal", err)
	}
	walk, err := c.Save(ctx, key, idea{Text: " walk "})
	if err != nil || walk.ID == "" || walk.Text != "walk" || walk.At == "" {
		t.Fatalf("saved %+v, %v: want a new id, the cleaned text and the time", walk, err)
	}
	if _, err := c.Save(ctx, key, idea{Text: "cook"}); err != nil {
		t.Fatal(err)
	}
	walk.Text = "a long walk"
	if again, err := c.Save(ctx, key, walk); err != nil || again.ID != walk.ID {
		t.Fatalf("saving again made %+v, %v: want the same record", again, err)
	}
	list, err := c.List(ctx, key)
	if err != nil || len(list) != 2 || list[0].Text != "a long walk" || list[1].Text != "cook" || list[0].ID != walk.ID {
		t.Fatalf("listed %+v, %v: want the two ideas in the rules' order, with their ids", list, err)
	}
	if err := c.Delete(ctx, key, walk.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := c.List(ctx, key); len(list) != 1 || list[0].Text != "cook" {
		t.Fatalf("after the delete: %+v", list)
	}
	all, _ := s.All(ctx, key)
	if len(all) != 2 || !all[0].Deleted && !all[1].Deleted {
		t.Fatalf("the delete should leave a tombstone beside the other idea: %+v", all)
	}
}
