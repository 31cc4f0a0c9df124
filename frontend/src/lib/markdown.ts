// Turns an entry's Markdown into HTML that is safe to show. Three layers: markdown-it with
// raw HTML switched off (a typed <script> stays text), DOMPurify with a short allow-list,
// and the app's Content-Security-Policy underneath. Nothing an entry says can run, load
// or navigate: links keep only http(s) and mailto targets, and pictures are never fetched;
// they become their description in brackets.
import MarkdownIt from 'markdown-it'
import DOMPurify from 'dompurify'

const md = new MarkdownIt({ html: false, linkify: false, typographer: true, breaks: true })

// Images: never an <img>, whatever the source; Goldseam loads nothing from anywhere.
md.renderer.rules.image = (tokens, idx) => {
  const alt = tokens[idx].content.trim()
  return md.utils.escapeHtml(alt ? `[image: ${alt}]` : '[image]')
}

const allowedTags = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'del', 'blockquote',
  'ul', 'ol', 'li', 'code', 'pre', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]
const safeLink = /^(https?:|mailto:)/i

const purify = DOMPurify()
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? ''
    if (!safeLink.test(href.trim())) node.removeAttribute('href')
    node.setAttribute('rel', 'noopener noreferrer')
  }
})

/** render returns sanitized HTML for an entry's Markdown. */
export function render(markdown: string): string {
  return purify.sanitize(md.render(markdown), {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: ['href'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  })
}
