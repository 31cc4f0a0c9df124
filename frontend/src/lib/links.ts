// Keeps the app's page in place: a click on a link never navigates the webview.
// In-app links are hash routes (#/journal); a modifier-click on one (which would open a new
// window or a download) follows it in this page. Anything else is refused here, and https
// or mailto links a person clicks go to Go, which checks them again and hands them to the
// operating system's browser. Drops are refused before this runs (public/refuse-drops.js).
import { api } from './api'

const external = /^(https:|mailto:)/i

export function isInAppLink(href: string): boolean {
  return href.startsWith('#')
}

function modified(event: MouseEvent): boolean {
  return event.ctrlKey || event.metaKey || event.shiftKey || event.altKey
}

export function guardLinks(doc: Document, open: (url: string) => Promise<void> = api.system.openExternal): void {
  const onClick = (event: MouseEvent) => {
    const target = event.target as Element | null
    const anchor = target?.closest?.('a[href]') as HTMLAnchorElement | null
    if (!anchor) return
    const href = anchor.getAttribute('href') ?? ''
    if (isInAppLink(href) && event.type === 'click' && event.button === 0) {
      if (!modified(event)) return
      // Ctrl/Cmd or Shift would open the app in a new window or tab, Alt would download it:
      // follow the route in this page instead.
      event.preventDefault()
      doc.defaultView?.location.assign(href)
      return
    }
    event.preventDefault()
    if (event.type === 'click' && external.test(href)) {
      open(href).catch(() => {
        // Go refused it and logged why; the page stays as it is.
      })
    }
  }
  doc.addEventListener('click', onClick, true)
  // Middle-click and other buttons would open a new window: refuse them outright.
  doc.addEventListener('auxclick', onClick, true)
  // A dragged link dropped back onto the page would navigate to it.
  doc.addEventListener('dragstart', (event) => {
    if ((event.target as Element | null)?.closest?.('a[href]')) event.preventDefault()
  }, true)
}
