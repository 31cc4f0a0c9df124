import { describe, expect, test, vi } from 'vitest'
import { render, screen, fireEvent } from '@testing-library/svelte'
import { AppError } from '../../lib/errors'

const inspect = vi.fn()
const restore = vi.fn()
vi.mock('../../lib/api', () => ({
  api: {
    backup: {
      auto: async () => ({ folder: '', every: 'off', keep: 10, hasPassphrase: false, lastGood: '', lastProblem: '' }),
      inspect: (p: string) => inspect(p),
      restore: (p: string, m: string) => restore(p, m),
      importFormats: async () => [],
    },
    events: { onBackupProgress: () => () => {}, onAutoBackup: () => () => {}, onImportProgress: () => () => {} },
  },
}))

import BackupSettings from './BackupSettings.svelte'
import { vault } from '../../lib/vault.svelte'

const held = { path: '/backups/goldseam.age', createdAt: '2026-11-01T10:00:00Z', appVersion: 'v1', entries: 12, profile: true, progress: 2, shared: 3, sharedChanges: 14, bytes: 100 }

describe('BackupSettings', () => {
  test('shows what a backup holds before anything changes, then merges', async () => {
    inspect.mockResolvedValue(held)
    restore.mockResolvedValue({ entriesAdded: 12, entriesUpdated: 0, profileRestored: false, progressChanged: 0, sharedChanged: 0, sharedChangesAdded: 14 })
    render(BackupSettings)
    await fireEvent.input(screen.getByLabelText('Backup passphrase'), { target: { value: 'backup words' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Choose a backup file' }))
    expect(await screen.findByTestId('backup-preview')).toHaveTextContent('12 journal entries')
    expect(screen.getByTestId('backup-preview')).toHaveTextContent('3 shared records with 14 changes to what you share, each saying who made it')
    expect(restore).not.toHaveBeenCalled()
    await fireEvent.click(screen.getByRole('button', { name: 'Merge into what is here' }))
    expect(await screen.findByTestId('restore-done')).toHaveTextContent('12 journal entries added')
    expect(screen.getByTestId('restore-done')).toHaveTextContent('and 14 new changes to what you share added')
    expect(restore).toHaveBeenCalledWith('backup words', 'merge')
  })

  test('replacing asks once more', async () => {
    inspect.mockResolvedValue({ ...held, entries: 1, sharedChanges: 0 })
    restore.mockReset()
    restore.mockResolvedValue({ entriesAdded: 1, entriesUpdated: 0, profileRestored: false, progressChanged: 0, sharedChanged: 0 })
    render(BackupSettings)
    await fireEvent.input(screen.getByLabelText('Backup passphrase'), { target: { value: 'backup words' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Choose a backup file' }))
    await fireEvent.click(await screen.findByRole('button', { name: 'Replace everything…' }))
    expect(screen.getByTestId('backup-preview')).not.toHaveTextContent('to what you share') // a backup from before changes were kept
    expect(restore).not.toHaveBeenCalled()
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, replace everything with this backup' }))
    expect(await screen.findByTestId('restore-done')).toHaveTextContent('exactly what the backup held')
    expect(restore).toHaveBeenCalledWith('backup words', 'replace')
  })

  test('a wrong passphrase is said plainly, and nothing is offered to restore', async () => {
    restore.mockReset()
    inspect.mockRejectedValueOnce(new AppError('wrong_passphrase', 'That passphrase does not open this backup.'))
    render(BackupSettings)
    await fireEvent.input(screen.getByLabelText('Backup passphrase'), { target: { value: 'nope nope' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Choose a backup file' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('does not open this backup')
    expect(inspect).toHaveBeenCalledWith('nope nope')
    expect(screen.queryByTestId('backup-preview')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Merge into what is here' })).toBeNull()
    expect(restore).not.toHaveBeenCalled()
    // The right passphrase then opens it, and the refusal goes.
    inspect.mockResolvedValue(held)
    await fireEvent.input(screen.getByLabelText('Backup passphrase'), { target: { value: 'backup words' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Choose a backup file' }))
    expect(await screen.findByTestId('backup-preview')).toHaveTextContent('12 journal entries')
    expect(inspect).toHaveBeenLastCalledWith('backup words')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('a restore stopped by a lock leaves its sentence for the lock screen', async () => {
    inspect.mockResolvedValue(held)
    restore.mockReset()
    restore.mockRejectedValue(new AppError('locked', 'The backup was stopped because Goldseam locked. Nothing was saved or changed.'))
    vault.backupStopped = ''
    render(BackupSettings)
    await fireEvent.input(screen.getByLabelText('Backup passphrase'), { target: { value: 'backup words' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Choose a backup file' }))
    await fireEvent.click(await screen.findByRole('button', { name: 'Merge into what is here' }))
    await vi.waitFor(() => expect(vault.backupStopped).toBe('The backup was stopped because Goldseam locked. Nothing was saved or changed.'))
    expect(screen.queryByTestId('restore-done')).toBeNull()
  })
})
