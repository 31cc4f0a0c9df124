// Command winprobe starts a desktop program under X11 (Xvfb in tests), finds its window by
// title, and measures what a person would see: how long from exec until the window first
// shows real content, how much memory the whole process tree uses, and a screenshot.
//
//	winprobe [-title T] [-timeout D] [-screenshot F] [-rss-after D] -- program [args...]
//
// It prints one JSON object and exits 1 when the window never appears or stays blank,
// so the window smoke test and `make bench` share one honest measurement.
package main
