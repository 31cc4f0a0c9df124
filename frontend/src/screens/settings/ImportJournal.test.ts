import { describe, expect, test, vi } from 'vitest'
import { render, screen, fireEvent } from '@testing-library/svelte'

const previewImport = vi.fn()
const importPreviewed = vi.fn()
const cancelImport = vi.fn()
let progressListener: ((p: { done: number; total: number }) => void) | null = null
vi.mock('../../lib/api', () => ({
  api: {
    backup: {
      importFormats: async () => [
        { id: 'dayone', name: 'Day One', keeps: 'Every journal in the export.', folder: false },
        { id: 'jrnl', name: 'jrnl', keeps: 'Every entry.', folder: false },
      ],
      previewImport: (f: string) => previewImport(f),
      importPreviewed: () => importPreviewed(),
      cancelImport: () => cancelImport(),
    },
    events: { onImportProgress: (fn: (p: { done: number; total: number }) => void) => ((progressListener = fn), () => {}) },
  },
}))

import ImportJournal from './ImportJournal.svelte'

const preview = {
  format: 'dayone', name: 'Day One', file: 'Export.zip', entries: 420, first: '2021-03-01', last: '2024-05-02',
  journals: ['Journal', 'Travel'], tags: ['therapy'], alreadyHere: 5,
  skipped: [{ where: 'entry of 3 May 2021 in Travel', why: 'It has no words.' }],
}

describe('ImportJournal', () => {
  test('shows what the export holds, then imports with progress and a result that adds up', async () => {
    previewImport.mockResolvedValue(preview)
    let finish: (r: unknown) => void = () => {}
    importPreviewed.mockReturnValue(new Promise((r) => (finish = r)))
    render(ImportJournal)
    await fireEvent.click(await screen.findByRole('button', { name: 'From Day One' }))
    const shown = await screen.findByTestId('import-preview')
    expect(shown).toHaveTextContent('Export.zip holds 420 entries')
    expect(shown).toHaveTextContent('Journals: Journal, Travel.')
    expect(shown).toHaveTextContent('5 entries are already here')
    expect(screen.getByTestId('import-left-out')).toHaveTextContent('entry of 3 May 2021 in Travel: It has no words.')
    await fireEvent.click(screen.getByRole('button', { name: 'Import 415 entries' }))
    progressListener?.({ done: 200, total: 420 })
    await vi.waitFor(() => expect(screen.getByTestId('import-progress')).toHaveAttribute('value', '200'))
    finish({ added: 414, unchanged: 5, differ: 1, skipped: preview.skipped })
    const done = await screen.findByTestId('import-done')
    expect(done).toHaveTextContent('414 entries added, 1 left out, 6 already here.')
    expect(done).toHaveTextContent('1 entry was brought in before and is different in this file now. Goldseam left it as it is here')
    expect(previewImport).toHaveBeenCalledWith('dayone')
  })

  test('a cancelled dialog shows nothing; Cancel drops the preview', async () => {
    previewImport.mockResolvedValueOnce({ ...preview, file: '' })
    render(ImportJournal)
    await fireEvent.click(await screen.findByRole('button', { name: 'From jrnl' }))
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'From jrnl' })).not.toBeDisabled())
    expect(screen.queryByTestId('import-preview')).toBeNull()
    previewImport.mockResolvedValueOnce(preview)
    await fireEvent.click(screen.getByRole('button', { name: 'From jrnl' }))
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }))
    expect(cancelImport).toHaveBeenCalled()
    expect(screen.queryByTestId('import-preview')).toBeNull()
  })
})
