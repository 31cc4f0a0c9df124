// The index of settings sections that the Settings page's sticky list shows. Each
// SettingsSection that is given a short label adds itself here while it is on the page, so
// the list names exactly the sections that are there, in the order they appear, and cannot
// drift from them. Outside Settings (Safety and support, Check-ins) no index is provided and
// a section lists itself nowhere.
import { getContext, setContext, untrack } from 'svelte'

export interface ListedSection {
  /** The id of the section's heading, which the list moves to. */
  id: string
  label: string
  heading: HTMLElement
}

const key = Symbol('settings-sections')

export class SectionIndex {
  entries = $state.raw<ListedSection[]>([])

  /** add lists a section in document order, and returns what takes it off the list again. */
  // It reads the list untracked: a section's effect that adds itself must not rerun each
  // time another section comes or goes.
  add(entry: ListedSection): () => void {
    untrack(() => {
      this.entries = [...this.entries, entry].sort((a, b) =>
        a.heading.compareDocumentPosition(b.heading) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
      )
    })
    return () => untrack(() => {
      this.entries = this.entries.filter((e) => e !== entry)
    })
  }
}

/** provideSectionIndex makes the index the sections below the caller list themselves in. */
export function provideSectionIndex(): SectionIndex {
  return setContext(key, new SectionIndex())
}

export function sectionIndex(): SectionIndex | undefined {
  return getContext<SectionIndex | undefined>(key)
}
