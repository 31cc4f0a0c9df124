// Command reliability runs Goldseam's fault, attack and bad-input trials at full length and
// prints one line per figure,
//
//	RELIABILITY <name> <value>
//
// then writes docs/reliability.md with the goals, how each figure was produced, the date and
// the machine. `make reliability` runs it (as root, under Xvfb); `make test` runs it with
// -quick, where every trial runs a few times so the machinery itself is always tested.
//
// Every figure comes from really running the thing it names: the Go and browser tests count
// their own trials and report them through GOLDSEAM_FIGURES (package internal/testkit/figures and
// frontend/e2e/harness.ts); the rest (two instances, sockets, fuzzing) are run from here.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

type config struct {
	quick    bool
	app      string // the built desktop app
	figures  string // the file the tests append their figures to
	work     string // a scratch folder
	fuzzTime time.Duration
}

// figure is what the report says about one name.
type figure struct {
	name, goal, how string
}

// figureList is every figure, in the order the report gives them.
var figureList = []figure{
	{"crash_runs", ">= 1,000", "A child process saves journal entries through the real store and reports each save only after it returned; it is killed with SIGKILL at a random moment 1-150 ms into its life. `internal/journal/crash_test.go`."},
	{"crash_lost", "0", "Entries reported saved, over all runs so far, that are missing or do not decrypt to what was written."},
	{"passphrase_crash_runs", ">= 1,000", "A child changes the vault passphrase again and again, each change a rotation (new master and content keys, every journal and shared row resealed in one transaction), and is killed with SIGKILL at random. `internal/vault/crash_test.go`."},
	{"passphrase_crash_unopenable", "0", "Runs after which neither the last reported passphrase nor the one in flight opened the vault, or a record no longer decrypted under the keys it gave."},
	{"restore_crash_runs", ">= 100", "A child replaces its store with one backup, then another, again and again, and is killed with SIGKILL at random. `internal/backup/crash_test.go`."},
	{"restore_crash_mixed", "0", "Runs that left anything but exactly one of the two stores (compared by a digest of every entry and shared record), or failed quick_check."},
	{"canary_hits", "0", "The real app (browser-test build) is given a passphrase, recovery kit, names, journal entries, an agreement and a good experience made of unique canary words, then locked and stopped; every file under the data folder and the temp folder, and the log, is searched for each word. `frontend/e2e/canary.e2e.ts`."},
	{"wal_secrets_while_locked", "0", "Through the real services on a real data file: journal entries made of canary words are saved, edited and deleted, the passphrase is changed and a new recovery kit made, then Goldseam locks and, with the database still open, goldseam.db, its -wal and -shm are searched for the canary words, the passphrase, the superseded passphrase and recovery-key wraps and the purged entries' ciphertext. `internal/api/walscrub_test.go`."},
	{"tamper_trials", ">= 1,000", "A real backup with one bit flipped at a random place, or cut at a random length, each opened for restore. `internal/backup/tamper_test.go`."},
	{"tamper_accepted", "0", "Damaged backups that were accepted (the store is also compared before and after)."},
	{"crafted_backups", "", "Backups built to cost memory or time, each a real age file the passphrase opens: sparse tar entries (572 MiB of holes), links and folders, parts declaring gigabytes, 20,000 entries, unknown names, scrypt work factors 21 and 22, JSON nested 200,000 deep, a 4 MiB line, a manifest claiming 2^62 records, a gzip stream. `internal/backup/crafted_test.go`."},
	{"crafted_backup_peak_mib", "<= 64", "The largest heap growth (MiB, sampled every millisecond) while any one of them was opened and refused; each must be refused as damaged."},
	{"swap_trials", ">= 1,000", "Sealed values moved between rows, columns, tables, content keys and vaults. `internal/vault/tamper_test.go`."},
	{"swap_accepted", "0", "Moved values that opened."},
	{"fuzz_targets", "", "`go test -fuzz` targets found in the tree."},
	{"fuzz_seconds", ">= 60", "The shortest time any one target was fuzzed (each target runs for the full time)."},
	{"fuzz_execs", "", "Inputs tried, over all targets."},
	{"fuzz_failures", "0", "Targets that found a crash or a failing input."},
	{"xss_vectors", "", "Hostile Markdown entries (scripts, handlers, javascript: and data: links, SVG, iframes, remote images and styles, entity tricks) opened in the real reader in Chromium. `frontend/e2e/hostile-markdown.e2e.ts`."},
	{"xss_executed", "0", "Entries whose script ran (window.__pwned set) plus page errors."},
	{"sockets_opened", "0", "AF_INET and AF_INET6 sockets created by the whole app process tree (Go, WebKit's web and network processes) under `strace -f` during a scripted session under Xvfb: unlock, go to the journal, write an entry, wait for it to save, lock."},
	{"instance_trials", ">= 100", "Two copies of the real app started together on one data folder, under Xvfb."},
	{"instance_double_owner", "0", "Trials where both copies ran, or neither did, or the one that stopped did not say why with exit status 3."},
	{"length_classes_tried", "", "Combinations of role (four: hurt, broke trust, both broke trust, unsaid) and the four safety answers (4 x 4^4) for three sets of names with and without support contacts, and the four step states, each saved through the real packages; `length(content)` read back with SQL. `internal/profile/length_test.go`."},
	{"length_classes_leaking", "0", "Combinations whose sealed length differs from the most common one for the same names."},
	{"reparent_trials", "", "Two agreed, signed agreements on the change log, then forged: with plain SQL (versions, signatures or both swapped between them, one's versions dropped and the other's moved under it, signatures copied as new rows, sealed contents swapped, a version relabelled) and as whole new changes signed by another device holding the shared key (words that do not give their version id, new words in a signed version, a current pointing at the other's version, a signature on the other's version, a signature whose change names another signer, a signature in a record its version and person do not give). `internal/agreements/forgery_test.go`."},
	{"reparent_accepted", "0", "Forgeries after which an agreement still read without an error but showed something other than what was signed."},
	{"rotation_old_secret_trials", "", "Every sealed value of a data file, after a passphrase change and then a new kit with writes after each, tried with the keys the old passphrase and the old kit give from a copy taken before each change. `internal/vault/rotation_test.go`."},
	{"rotation_old_secret_opens", "0", "Values that opened with an old secret, plus old secrets that opened the new file."},
	{"merge_schedules", ">= 1,000", "Three simulated devices of one shared space, each its own data file and Ed25519 key, make random changes and exchange them in random order, doubled, dropped and re-delivered late; each schedule starts from its own seed. Two rounds of 1,000 each, counted together: the engine's (create, edit, delete and undelete, races on one field, choose after a tie, one person's answer, a signature, on generic records) and the kinds' (agreements written, revised, signed and revised at once, check-ins answered, experiences noted and deleted, ties chosen, through their own packages). `internal/space/converge_test.go`, `internal/testkit/mergesim`."},
	{"merge_divergent", "0", "Schedules after which, everything delivered, two devices' folds of the space were not deep-equal, or (kinds' round) their agreements, with derived status, check-ins or experiences read differently."},
	{"merge_lost_writes", "0", "Changes made, over all schedules, that some device's space held neither as a current value, a tied candidate nor history, and (kinds' round) signatures made that their agreement no longer lists."},
	{"pairing_substitution_trials", ">= 100,000", "Pairing's six-digit code, with a fresh honest transcript and fresh attacker keys and values per trial: the joiner's answer replaced on its way to the inviter, and a man in the middle who also makes an offer of its own to the joiner (two substitutions per trial), each code derived as both screens derive it. `internal/pairing/attack_test.go`."},
	{"pairing_substitution_matches", "about 1 in 10^6 substitutions", "Substitutions whose code matched the code on the other screen: what a person comparing codes would not catch."},
	{"sync_sockets_opened", "0", "Internet sockets held by the process tree of a Go test that runs a whole sharing session through two real Syncthing instances on 127.0.0.1 (pairing, check-ins, signatures, 40 files while paused, planted files, leaving), counted from /proc at four points; all of Goldseam's code runs in that tree, and Syncthing is started apart from it, as a person's own sync program is. `internal/sharing/syncthing_test.go`, `internal/testkit/sockets`."},
	{"segment_tamper_trials", ">= 1,000", "A real change file of the exchange folder (three records, sealed and signed) with a bit flipped, bytes cut, added or overwritten at a random place, kept under its name, renamed to match its new bytes (and perhaps another sequence number) or put in another trusted device's folder, each scanned twice by the partner with a new progress. `internal/exchange/tamper_test.go`."},
	{"segment_tamper_accepted", "0", "Damaged change files whose records were taken; each must also be reported as retried or refused."},
	{"foreign_files_parsed", "0", "Entries beside a real change file that are not change files (Syncthing conflict copies and partial downloads, a Dropbox conflicted copy, an iCloud placeholder, a folder and a link named like a change file, a file over 16 MiB, an unknown device's file, a folder Goldseam did not make), most holding a valid change file's bytes: how many were opened or parsed. Each must be listed with a reason. `internal/exchange/foreign_test.go`."},
	{"reveal_trials", ">= 1,000", "Two paired computers, each its own data file and Ed25519 key, answer one check-in question in a random schedule: each side answers or changes its answer, copies meet in either direction (each followed by the release pass a sharing pass runs), a rebuilt Goldseam on either side forges a release with a random key or writes an \"answer\" as a third person, and after every step each side tries to open the other's answer. Each schedule starts from the run's seed. `internal/reveal/trial_test.go`."},
	{"reveal_early_opens", "0", "Opens of the partner's answer by a side that had not yet written its own (every schedule that ends with both answered must also end with each reading the other's)."},
	{"vault_isolation_rounds", ">= 20", "Two people use Goldseam in turns on one data folder through the real services: each writes words of their own in a journal entry, their profile (names, where they stand, a support contact, safety answers) and an exercise record; Alex invites someone on this computer, Sam sets up and joins through the local exchange folder, they confirm the code in turns and Alex shares an agreement. `internal/api/people_test.go`."},
	{"vault_isolation_hits", "0", "The other person's private words found in everything one person, unlocked in turn, can read: every read method's output (searches for the other's words included), their own backup decrypted with age, and the raw bytes of every file in the data folder (both data files, -wal and -shm, the exchange folder)."},
	{"disk_full_trials", "", "An entry saved, a backup exported over an earlier one, and the passphrase changed, on a tmpfs filled to within 0-320 KiB of full; then the space is freed and everything checked. `internal/api/diskfull_test.go`."},
	{"disk_full_damaged", "0", "Trials after which the data file failed quick_check, the passphrase in force did not open it, an earlier entry was missing, the earlier backup changed or no longer opened, or a refusal did not say the disk was full."},
}

func main() {
	var cfg config
	flag.BoolVar(&cfg.quick, "quick", false, "run every trial a few times only (for make test) and write no report")
	flag.StringVar(&cfg.app, "app", "build/bin/goldseam", "the built app")
	out := flag.String("out", "docs/reliability.md", "write the report here")
	flag.Parse()
	cfg.fuzzTime = 60 * time.Second
	if cfg.quick {
		cfg.fuzzTime = 2 * time.Second
	}
	var err error
	if cfg.work, err = os.MkdirTemp("", "goldseam-reliability-"); err != nil {
		fail(err)
	}
	defer os.RemoveAll(cfg.work)
	cfg.figures = filepath.Join(cfg.work, "figures")

	started := time.Now()
	failed := false
	skipped := map[string]bool{}
	for _, s := range steps {
		fmt.Fprintf(os.Stderr, "reliability: %s\n", s.name)
		err := s.run(cfg)
		var skip *skippedError
		switch {
		case errors.As(err, &skip):
			fmt.Fprintf(os.Stderr, "reliability: %s: skipped in the quick run: %s\n", s.name, skip.why)
			for _, name := range skip.figures {
				skipped[name] = true
			}
		case err != nil:
			fmt.Fprintf(os.Stderr, "reliability: %s: %v\n", s.name, err)
			failed = true
		}
	}
	got, err := readFigures(cfg.figures)
	if err != nil {
		fail(err)
	}
	for _, f := range figureList {
		if v, ok := got[f.name]; ok {
			fmt.Printf("RELIABILITY %s %s\n", f.name, v)
		} else if !skipped[f.name] {
			fmt.Fprintf(os.Stderr, "reliability: no figure %s was produced\n", f.name)
			failed = true
		}
	}
	if !cfg.quick && !failed {
		if err := writeReport(*out, got, started, time.Since(started)); err != nil {
			fail(err)
		}
	}
	if failed {
		os.Exit(1)
	}
}

// step is one group of trials.
type step struct {
	name string
	run  func(cfg config) error
}

var steps = []step{
	{"crash loops and swapped ciphertexts (go test)", goTests},
	{"sealed lengths, forged agreements, old secrets (go test)", vaultLeaks},
	{"a full disk (go test on a tmpfs)", diskFull},
	{"canaries and hostile Markdown (Chromium)", browserTests},
	{"fuzzing", fuzzAll},
	{"crafted backups (go test)", craftedBackups},
	{"the shared space's merges converge (go test)", mergeTrial.step},
	{"pairing codes under substitution (go test)", pairingTrial.step},
	{"answers seen together open only after one's own (go test)", revealTrial.step},
	{"the exchange folder's change files refuse damage and never parse foreign files (go test)", exchangeTrial.step},
	{"a sharing session through two real Syncthing instances (go test)", sharingTrial.step},
	{"network sockets (strace)", sockets},
	{"two instances on one data folder", instances},
	{"two people on one data folder read nothing of each other (go test)", isolationTrial.step},
}

func record(cfg config, name string, value any) error {
	f, err := os.OpenFile(cfg.figures, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "RELIABILITY %s %v\n", name, value)
	return err
}

// readFigures reads the figures file; a later line for a name replaces an earlier one.
func readFigures(path string) (map[string]string, error) {
	out := map[string]string{}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) == 3 && fields[0] == "RELIABILITY" {
			out[fields[1]] = fields[2]
		}
	}
	return out, sc.Err()
}

// skippedError says a step could not run here and which figures it would have made; only
// the quick run accepts it.
type skippedError struct {
	why     string
	figures []string
}

func (e *skippedError) Error() string { return "skipped: " + e.why }

func errSkipped(why string, figures ...string) error { return &skippedError{why, figures} }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "reliability:", err)
	os.Exit(1)
}
