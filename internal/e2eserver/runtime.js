// The browser-test server's stand-in for the Wails runtime: window.go calls the very same
// Go services over HTTP, and window.runtime carries events from Go over Server-Sent Events.
// Served as a file from 'self', so the app's Content-Security-Policy applies unchanged.
(() => {
  const methods = __METHODS__

  async function call(name, args) {
    const response = await fetch('/wails/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, args }),
    })
    const reply = await response.json()
    // Wails rejects with new Error(formatted error); do exactly the same.
    if (reply.error !== undefined && reply.error !== null) throw new Error(reply.error)
    return reply.result
  }

  window.go = {}
  for (const name of methods) {
    const [pkg, service, method] = name.split('.')
    window.go[pkg] ??= {}
    window.go[pkg][service] ??= {}
    window.go[pkg][service][method] = (...args) => call(name, args)
  }

  const listeners = new Map()
  function on(event, callback, max) {
    const list = listeners.get(event) ?? []
    const entry = { callback, left: max > 0 ? max : Infinity }
    list.push(entry)
    listeners.set(event, list)
    return () => listeners.set(event, (listeners.get(event) ?? []).filter((e) => e !== entry))
  }
  function emitLocal(event, data) {
    for (const entry of [...(listeners.get(event) ?? [])]) {
      entry.callback(...data)
      if (--entry.left <= 0) listeners.set(event, listeners.get(event).filter((e) => e !== entry))
    }
  }
  new EventSource('/e2e/events').onmessage = (message) => {
    const { name, data } = JSON.parse(message.data)
    emitLocal(name, [data])
  }

  const noop = () => {}
  window.runtime = new Proxy(
    {
      EventsOnMultiple: on,
      EventsOff: (...names) => names.forEach((n) => listeners.delete(n)),
      EventsOffAll: () => listeners.clear(),
      EventsEmit: (name, ...data) => emitLocal(name, data),
      BrowserOpenURL: (url) => fetch('/e2e/browser-open', { method: 'POST', body: JSON.stringify(url) }),
      Environment: async () => ({ buildType: 'e2e', platform: 'linux', arch: 'amd64' }),
      WindowIsFullscreen: async () => false,
      WindowIsMaximised: async () => false,
      WindowIsMinimised: async () => false,
      WindowIsNormal: async () => true,
      ClipboardGetText: async () => '',
      ClipboardSetText: async () => true,
    },
    { get: (target, key) => (key in target ? target[key] : noop) },
  )
})()
