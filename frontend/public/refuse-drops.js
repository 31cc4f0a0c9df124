// Refuses every drag and drop onto the window, before anything else of the interface runs.
// A file or link dropped on a webview would otherwise replace the app's page with it:
// macOS's WKWebView does so whatever Wails' DisableWebViewDrop says, and Chromium opens it.
// A classic script in <head> (allowed by the CSP's script-src 'self'), so it is in place
// before the interface's module loads; capture on window, so it runs before any other
// listener. Tested in frontend/e2e/drops.e2e.ts and under Xvfb in scripts/window-smoke.sh.
;(function () {
  function refuse(event) {
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none'
  }
  ;['dragenter', 'dragover', 'drop'].forEach(function (type) {
    window.addEventListener(type, refuse, true)
  })
})()
