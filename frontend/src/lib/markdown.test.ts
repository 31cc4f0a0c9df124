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
    '[x](/etc/passwd)',
    '[x](relative/page.html)',
    '[x](//remote.example/x)',
    '[x](#top)',
    '[x](&#106;avascript:alert(1))',
  ])('unsafe link targets are dropped: %s', (input) => {
    const a = dom(render(input)).querySelector('a')
    expect(a?.getAttribute('href') ?? null).toBeNull()
  })

  test('web and mail links are kept, with their text', () => {
    const out = dom(render('<https://example.org/a> and [write](mailto:someone@example.org) and [plain](http://example.org)'))
    expect([...out.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://example.org/a',
      'mailto:someone@example.org',
      'http://example.org',
    ])
  })

  test('a dropped link keeps its words', () => {
    expect(dom(render('see [the page](javascript:alert(1)) here')).textContent).toContain('the page')
  })

  test('pictures are never loaded, only described', () => {
    const out = dom(render('![a photo of us](https://remote.example/pixel.png)'))
    expect(out.querySelector('img')).toBeNull()
    expect(out.textContent).toContain('[image: a photo of us]')
    expect(dom(render('![](https://remote.example/pixel.png)')).textContent).toContain('[image]')
    expect(dom(render('[![alt](https://remote.example/p.png)](https://example.org)')).querySelector('img')).toBeNull()
  })

  test('no attribute but href survives', () => {
    const out = dom(render('[x](https://example.org "title")'))
    for (const el of out.querySelectorAll('*')) {
      for (const attr of el.attributes) expect(['href', 'rel']).toContain(attr.name)
    }
  })
})
