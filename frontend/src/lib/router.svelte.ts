// Hash routes: the page never reloads or leaves the app, and back/forward keys work.

export const routes = ['home', 'program', 'journal', 'agreements', 'checkins', 'experiences', 'settings', 'about', 'safety'] as const
export type Route = (typeof routes)[number]

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split('/')[0]
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'home'
}

/** detail is what follows the route, for example a step's id in #/program/<id>. */
function detailOf(hash: string): string {
  return decodeURIComponent(hash.replace(/^#\/?/, '').split('/')[1] ?? '')
}

class Router {
  current = $state<Route>(parse(window.location.hash))
  detail = $state(detailOf(window.location.hash))

  constructor() {
    window.addEventListener('hashchange', () => {
      this.current = parse(window.location.hash)
      this.detail = detailOf(window.location.hash)
    })
  }

  go(route: Route) {
    window.location.hash = `#/${route}`
  }
}

export const router = new Router()

export function href(route: Route, detail = ''): string {
  return detail ? `#/${route}/${encodeURIComponent(detail)}` : `#/${route}`
}
