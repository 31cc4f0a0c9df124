// The one module that talks to Go. Views import `api` from here and never touch window.go
// or the generated bindings, so every call has one error shape (AppError) and one place to mock.
import * as System from '../../wailsjs/go/api/System'
import * as Vault from '../../wailsjs/go/api/Vault'
import * as Journal from '../../wailsjs/go/api/Journal'
import * as Program from '../../wailsjs/go/api/Program'
import * as Profile from '../../wailsjs/go/api/Profile'
import * as Space from '../../wailsjs/go/api/Space'
import * as Agreements from '../../wailsjs/go/api/Agreements'
import * as CheckIns from '../../wailsjs/go/api/CheckIns'
import * as Experiences from '../../wailsjs/go/api/Experiences'
import * as Backup from '../../wailsjs/go/api/Backup'
import * as Sharing from '../../wailsjs/go/api/Sharing'
import * as People from '../../wailsjs/go/api/People'
import type { api as models, checkins, experiences, together } from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { toAppError } from './errors'

export type AppInfo = models.AppInfo
export type VaultStatus = models.VaultStatus
export type RecoveryKitView = models.RecoveryKitView
export type PassphraseRating = models.PassphraseRating
export type JournalEntry = models.JournalEntry
export type EntryInput = models.EntryInput
export type EntrySummary = models.EntrySummary
export type EntryPage = models.EntryPage
export type MonthCount = models.MonthCount
export type TextPart = models.TextPart
export type SearchHit = models.SearchHit
export type SearchResult = models.SearchResult
export type DeletedEntry = models.DeletedEntry
export type EmotionLog = models.EmotionLog
export type EmotionPeriod = models.EmotionPeriod
export type Labels = models.Labels
export type PhaseOutline = models.PhaseOutline
export type StepOutline = models.StepOutline
export type StepDetail = models.StepDetail
export type StepExercise = models.StepExercise
export type Role = 'hurt' | 'broke-trust' | 'both' | 'unsaid'
export type ExerciseRecord = models.ExerciseRecord
export type StepState = 'not-started' | 'in-progress' | 'done' | 'revisiting'
export type ProfileView = models.ProfileView
export type SharingView = models.SharingView
export type NewsLine = models.NewsLine
export type TogetherAnswer = together.Answer
export type PairingView = models.PairingView
export type Invitation = models.Invitation
export type FolderNote = models.FolderNote
/** Who uses Goldseam on this computer ("Who is using Goldseam?"). */
export type Person = models.Person
/** The fields of a profile to save (the generated class also carries a helper method). */
export type ProfileInput = Omit<models.ProfileInput, 'convertValues'>

export type SpaceSettings = models.SpaceSettings
export type Rhythm = 'weekly' | 'fortnightly' | 'monthly'
/** Writer, Candidate, Tie, Earlier and Written are who wrote what of a shared record
 * (internal/api/spaceview.go), which each kind's view carries. Written by hand until a bound
 * method returns them and the generated models hold them; the shapes are the Go JSON's. */
export type Writer = { role: string; name: string; at: string; here: boolean }
export type Candidate = { change: string; value: unknown; by: Writer }
export type Tie = { record: string; field: string; candidates: Candidate[] }
export type Earlier = { field: string; value: unknown; by: Writer }
export type Written = { by: Writer; changed: Writer; ties: Tie[]; earlier: Earlier[] }
export type Due = models.Due
export type AgreementView = models.AgreementView
export type AgreementVersion = models.AgreementVersion
export type AgreementStatus = 'draft' | 'proposed' | 'agreed' | 'active' | 'up-for-review' | 'retired'
export type AgreementInput = Omit<models.AgreementInput, 'convertValues'>
export type CheckInAnswer = Omit<checkins.Answer, 'convertValues'>
/** A check-in to keep: its day and each partner's answer. */
export type CheckIn = { id: string; on: string; answers: CheckInAnswer[] }
export type CheckInItem = checkins.Item
export type Rating = checkins.Rating
export type Together = checkins.Together
/** A check-in as kept: each partner's answer under their name, who wrote what, ties and earlier values. */
export type CheckInView = models.CheckInView
export type AnswerView = models.AnswerView
export type Outcome = 'kept' | 'struggled' | 'not-relevant'
export type Trend = checkins.Trend
export type TrendPoint = checkins.Point
/** One experience as listed: its fields, who wrote what, and each partner's words on how it felt. */
export type Experience = Omit<models.ExperienceView, 'convertValues'>
export type Feeling = models.FeelingView
/** The fields of an experience to save; howItFelt is the words of the person at this computer. */
export type ExperienceInput = experiences.Experience
export type ExperienceStatus = 'idea' | 'planned' | 'done'

export type BackupContents = models.BackupContents
export type RestoreResult = models.RestoreResult
export type ImportResult = models.ImportResult
export type ImportFormat = models.ImportFormat
export type ImportPreview = models.ImportPreview
export type ImportProgress = { done: number; total: number }
export type AutoBackupView = models.AutoBackupView
export type AutoBackupInput = models.AutoBackupInput
export type BackupProgress = { done: number; total: number }

async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise
  } catch (reason) {
    throw toAppError(reason)
  }
}

/** Api is the whole facade; services take it in their constructor, so a test hands them a fake. */
export type Api = typeof api

export const api = {
  system: {
    info: (): Promise<AppInfo> => call(System.Info()),
    openExternal: (url: string): Promise<void> => call(System.OpenExternal(url)),
    /** print opens the system print dialog (which can also save a PDF) for the page shown. */
    print: (): Promise<void> => call(System.Print()),
  },
  vault: {
    status: (): Promise<VaultStatus> => call(Vault.Status()),
    create: (passphrase: string): Promise<RecoveryKitView> => call(Vault.Create(passphrase)),
    unlock: (passphrase: string): Promise<void> => call(Vault.Unlock(passphrase)),
    unlockWithRecoveryKey: (key: string): Promise<void> => call(Vault.UnlockWithRecoveryKey(key)),
    setNewPassphrase: (passphrase: string): Promise<void> => call(Vault.SetNewPassphrase(passphrase)),
    /** ratePassphrase rates a new passphrase by the rule Go enforces; it needs no vault. */
    ratePassphrase: (passphrase: string): Promise<PassphraseRating> => call(Vault.RatePassphrase(passphrase)),
    /** changePassphrase returns the new recovery kit when the change had to replace the old one, else null. */
    changePassphrase: (current: string, next: string): Promise<RecoveryKitView | null> =>
      call(Vault.ChangePassphrase(current, next)),
    newRecoveryKit: (passphrase: string): Promise<RecoveryKitView> => call(Vault.NewRecoveryKit(passphrase)),
    recoveryKit: (): Promise<RecoveryKitView> => call(Vault.RecoveryKit()),
    saveRecoveryKit: (): Promise<string> => call(Vault.SaveRecoveryKit()),
    confirmRecoveryKit: (first: string, second: string): Promise<void> => call(Vault.ConfirmRecoveryKit(first, second)),
    lock: (): Promise<void> => call(Vault.Lock()),
    quickExit: (): Promise<void> => call(Vault.QuickExit()),
    leaveQuickExit: (): Promise<void> => call(Vault.LeaveQuickExit()),
    touch: (): Promise<void> => call(Vault.Touch()),
    autoLockChoices: (): Promise<number[]> => call(Vault.AutoLockChoices()),
    setAutoLock: (minutes: number): Promise<void> => call(Vault.SetAutoLock(minutes)),
  },
  journal: {
    /** save writes an entry; an empty id makes a new one. Returns its row as the list shows
     * it (with its id), so the list patches that row instead of asking for itself again. */
    save: (input: EntryInput): Promise<EntrySummary> => call(Journal.Save(input)),
    get: (id: string): Promise<JournalEntry> => call(Journal.Get(id)),
    /** list is a window of the whole journal, newest first (limit at most 200). */
    list: (offset: number, limit: number): Promise<EntryPage> => call(Journal.List(offset, limit)),
    months: (): Promise<MonthCount[]> => call(Journal.Months()),
    listMonth: (month: string): Promise<EntrySummary[]> => call(Journal.ListMonth(month)),
    onThisDay: (today: string): Promise<EntrySummary[]> => call(Journal.OnThisDay(today)),
    /** search: ready is false while the index is still being built after unlock; ask again,
     * unless failed says it could not be built (events.onSearchIndex tells that too). */
    search: (query: string, limit = 50): Promise<SearchResult> => call(Journal.Search(query, limit)),
    delete: (id: string): Promise<DeletedEntry> => call(Journal.Delete(id)),
    undo: (id: string): Promise<JournalEntry> => call(Journal.Undo(id)),
    emotionLog: (from: string, to: string, bucket: 'week' | 'month'): Promise<EmotionLog> =>
      call(Journal.EmotionLog(from, to, bucket)),
    labels: (): Promise<Labels> => call(Journal.Labels()),
  },
  program: {
    outline: (): Promise<PhaseOutline[]> => call(Program.Outline()),
    step: (id: string, role: Role): Promise<StepDetail> => call(Program.Step(id, role)),
    states: (): Promise<Record<string, StepState>> => call(Program.StepStates()) as Promise<Record<string, StepState>>,
    setState: (step: string, state: StepState): Promise<void> => call(Program.SetStepState(step, state)),
    records: (step: string): Promise<ExerciseRecord[]> => call(Program.ExerciseRecords(step)),
    /** saveExercise keeps answers: a new record when id is '' (an appraisal answered again). */
    saveExercise: (step: string, id: string, answers: Record<string, string>): Promise<ExerciseRecord> =>
      call(Program.SaveExercise(step, id, answers)),
  },
  profile: {
    get: (): Promise<ProfileView> => call(Profile.Get()),
    save: (input: ProfileInput): Promise<ProfileView> => call(Profile.Save(input as models.ProfileInput)),
  },
  space: {
    settings: (): Promise<SpaceSettings> => call(Space.Settings()),
    /** saveSettings keeps the names and rhythm; which name is here and whether this computer is
     * paired are Go's to say (read only). */
    saveSettings: (s: Pick<SpaceSettings, 'names' | 'rhythm'>): Promise<SpaceSettings> => call(Space.SaveSettings({ ...s, here: 0, paired: false })),
    /** due: the reviews and the check-in that have come due, for Home. */
    due: (): Promise<Due> => call(Space.Due()),
    /** news: what the partner signed or answered on their own computer, each told once. */
    news: (): Promise<NewsLine[]> => call(Space.News()),
    /** choose settles a tie (Tie) by keeping the value of one candidate change, written as
     * the person at this computer; the other value stays among the earlier ones. */
    choose: (record: string, field: string, change: string): Promise<void> => call(Space.Choose(record, field, change)),
    /** settingsTies: a name or the rhythm changed at once on two computers, both values kept. */
    settingsTies: (): Promise<Tie[]> => call(Space.SettingsTies()) as Promise<Tie[]>,
    /** togetherAnswers: the answers to a program prompt meant for both, the partner's only
     * once both have answered (hidden before). */
    togetherAnswers: (prompt: string): Promise<TogetherAnswer[]> => call(Space.TogetherAnswers(prompt)),
    /** answerTogether keeps this computer's person's answer to it, shared and locked until
     * the partner's has arrived; only a paired computer answers. */
    answerTogether: (prompt: string, text: string): Promise<TogetherAnswer[]> => call(Space.AnswerTogether(prompt, text)),
  },
  /** sharing: the space shared with the partner's computer through an exchange folder. */
  sharing: {
    status: (): Promise<SharingView> => call(Sharing.Status()),
    /** chooseFolder opens the folder dialog; a cancelled dialog changes nothing. */
    chooseFolder: (): Promise<SharingView> => call(Sharing.ChooseFolder()),
    syncNow: (): Promise<SharingView> => call(Sharing.SyncNow()),
    leave: (): Promise<SharingView> => call(Sharing.Leave()),
    /** revoke: the partner's computer was lost; stop reading it and change the key. */
    revoke: (): Promise<SharingView> => call(Sharing.Revoke()),
    /** splitCopy: this computer is a copy of a data folder still shared from another; it takes its own identity and stops sharing. */
    splitCopy: (): Promise<SharingView> => call(Sharing.SplitCopy()),
    /** invite starts pairing here; typed asks for a code to type on the other computer (USB stick). */
    invite: (typed: boolean): Promise<PairingView> => call(Sharing.Invite(typed)),
    invitations: (): Promise<Invitation[]> => call(Sharing.Invitations()),
    join: (id: string, code: string): Promise<PairingView> => call(Sharing.Join(id, code)),
    pairing: (): Promise<PairingView> => call(Sharing.Pairing()),
    confirmCode: (): Promise<PairingView> => call(Sharing.ConfirmCode()),
    cancelPairing: (differ: boolean): Promise<void> => call(Sharing.CancelPairing(differ)),
    /** inviteOnThisComputer: someone else uses this computer; make their place and invite them through the local exchange folder. */
    inviteOnThisComputer: (): Promise<PairingView> => call(Sharing.InviteOnThisComputer()),
  },
  /** people: who uses Goldseam on this computer, each with their own data, taking turns. */
  people: {
    list: (): Promise<Person[]> => call(People.List()).then((v) => v.people),
    choose: (id: string): Promise<void> => call(People.Choose(id)),
    addSomeone: (): Promise<void> => call(People.AddSomeone()),
    unlockAnyone: (passphrase: string): Promise<void> => call(People.UnlockAnyone(passphrase)),
    shownName: (): Promise<string> => call(People.ShownName()),
    setShownName: (name: string): Promise<void> => call(People.SetShownName(name)),
  },
  agreements: {
    list: (): Promise<AgreementView[]> => call(Agreements.List()),
    get: (id: string): Promise<AgreementView> => call(Agreements.Get(id)),
    create: (input: AgreementInput): Promise<AgreementView> => call(Agreements.Create(input as models.AgreementInput)),
    revise: (id: string, input: AgreementInput): Promise<AgreementView> =>
      call(Agreements.Revise(id, input as models.AgreementInput)),
    propose: (id: string, by: string): Promise<AgreementView> => call(Agreements.Propose(id, by)),
    /** sign: version is the id of the wording the person read; another current one is refused with code conflict. */
    sign: (id: string, version: string, name: string): Promise<AgreementView> => call(Agreements.Sign(id, version, name)),
    begin: (id: string, by: string): Promise<AgreementView> => call(Agreements.Begin(id, by)),
    renew: (id: string, by: string, reviewOn: string): Promise<AgreementView> => call(Agreements.Renew(id, by, reviewOn)),
    retire: (id: string, by: string, note: string): Promise<AgreementView> => call(Agreements.Retire(id, by, note)),
    discard: (id: string): Promise<void> => call(Agreements.Discard(id)),
  },
  checkins: {
    list: (): Promise<CheckInView[]> => call(CheckIns.List()),
    save: (c: CheckIn): Promise<CheckInView> => call(CheckIns.Save(c as unknown as checkins.CheckIn)),
    delete: (id: string): Promise<void> => call(CheckIns.Delete(id)),
    trend: (): Promise<Trend> => call(CheckIns.Trend()),
  },
  experiences: {
    list: (): Promise<Experience[]> => call(Experiences.List()),
    save: (e: ExperienceInput): Promise<ExperienceInput> => call(Experiences.Save(e)),
    delete: (id: string): Promise<void> => call(Experiences.Delete(id)),
  },
  backup: {
    /** exportBackup asks where to save (path '' when cancelled), writes, reads back and verifies. */
    exportBackup: (passphrase: string): Promise<BackupContents> => call(Backup.Export(passphrase)),
    /** inspect asks for a backup in Go's open dialog, verifies it whole and says what it holds,
     * changing nothing (path '' when the person cancelled). JavaScript never names a path. */
    inspect: (passphrase: string): Promise<BackupContents> => call(Backup.Inspect(passphrase)),
    /** restore restores the backup the last inspect showed. */
    restore: (passphrase: string, mode: 'merge' | 'replace'): Promise<RestoreResult> =>
      call(Backup.Restore(passphrase, mode)),
    /** exportOpen writes an unencrypted copy into a chosen folder; '' when cancelled. */
    exportOpen: (): Promise<string> => call(Backup.ExportOpen()),
    /** importFormats lists the apps whose exports Goldseam reads, each saying what it keeps. */
    importFormats: (): Promise<ImportFormat[]> => call(Backup.ImportFormats()),
    /** previewImport asks for the export and says what it holds; file '' when cancelled. Nothing is written. */
    previewImport: (format: string): Promise<ImportPreview> => call(Backup.PreviewImport(format)),
    /** importPreviewed writes the export last previewed. */
    importPreviewed: (): Promise<ImportResult> => call(Backup.Import()),
    cancelImport: (): Promise<void> => call(Backup.CancelImport()),
    auto: (): Promise<AutoBackupView> => call(Backup.AutoBackup()),
    /** setAuto keeps the settings; passphrase '' keeps the one already set. */
    setAuto: (input: AutoBackupInput): Promise<AutoBackupView> => call(Backup.SetAutoBackup(input)),
    backUpNow: (): Promise<AutoBackupView> => call(Backup.BackUpNow()),
    /** chooseFolder asks for a folder; '' when cancelled. */
    chooseFolder: (): Promise<string> => call(Backup.ChooseFolder()),
  },
  events: {
    /** onLocked calls fn each time Go locks the vault (button, idle, sleep, quick exit). */
    onLocked: (fn: (reason: string) => void): (() => void) => EventsOn('vault:locked', fn),
    /** onSpaceChanged: the partner's changes arrived through the exchange folder, or the space ended. */
    onSpaceChanged: (fn: () => void): (() => void) => EventsOn('space:changed', fn),
    /** onSearchIndex tells once per unlock whether the search index is ready or could not be built. */
    onSearchIndex: (fn: (state: 'ready' | 'failed') => void): (() => void) => EventsOn('search:index', fn),
    /** onBackupProgress follows a backup being written. */
    onBackupProgress: (fn: (p: BackupProgress) => void): (() => void) => EventsOn('backup:progress', fn),
    /** onImportProgress follows an import being written. */
    onImportProgress: (fn: (p: ImportProgress) => void): (() => void) => EventsOn('import:progress', fn),
    /** onAutoBackup tells how an automatic backup went. */
    onAutoBackup: (fn: (v: AutoBackupView) => void): (() => void) => EventsOn('backup:auto', fn),
  },
}
