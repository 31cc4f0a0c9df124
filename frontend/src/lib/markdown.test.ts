import { describe, expect, test } from 'vitest'
import { render } from './markdown'

function dom(html: string): HTMLElement {
  const div = document.createElement('div')
  div.innerHTML = html
  return div
}

describe('render', () => {
  test('keeps ordinary Markdown', () => {
    const out = dom(render('# Day\n\nWe **talked** and _walked_.\n\n- one\n- two\n\n> quiet\n\n[help](https://example.org)'))
    expect(out.querySelector('h1')?.textContent).toBe('Day')
    expect(out.querySelector('strong')?.textContent).toBe('talked')
    expect(out.querySelectorAll('li')).toHaveLength(2)
    expect(out.querySelector('blockquote')).not.toBeNull()
    expect(out.querySelector('a')?.getAttribute('href')).toBe('https://example.org')
  })

  test.each([
    '<script>window.__pwned=1</script>',
    '<img src=x onerror="window.__pwned=1">',
    '<svg onload="window.__pwned=1"></svg>',
    '<iframe src="https://example.org"></iframe>',
    '<a href="javascript:window.__pwned=1">x</a>',
    '<style>body{display:none}</style>',
    '<form action="https://example.org"><input></form>',
  ])('raw HTML stays text: %s', (input) => {
    const out = dom(render(input))
    expect(out.querySelector('script, img, svg, iframe, style, form, input')).toBeNull()
    expect(out.textContent).toContain('<')
  })

  test.each([
    '[x](javascript:window.__pwned=1)',
    '[x](JAVASCRIPT:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox)',
    '[x](file:///etc/passwd)',
    '[x][r]\n\n[r]: javascript:alert(1)',
  ])('unsafe link targets are dropped: %s', (input) => {
    const a = dom(render(input)).querySelector('a')
    expect(a?.getAttribute('href') ?? null).toBeNull()
  })

  test('pictures are never loaded, only described', () => {
    const out = dom(render('![a photo of us](https://remote.example/pixel.png)'))
    expect(out.querySelector('img')).toBeNull()
    expect(out.textContent).toContain('[image: a photo of us]')
  })

  test('no attribute but href survives', () => {
    const out = dom(render('[x](https://example.org "title")'))
    for (const el of out.querySelectorAll('*')) {
      for (const attr of el.attributes) expect(['href', 'rel']).toContain(attr.name)
    }
  })
})
