// What the journal says when its search index could not be built after an unlock: plainly,
// without blame, and with the one thing that helps (Go tries again at the next unlock).

export const searchFailed =
  'Search could not get ready this time, so it cannot look through your entries for now. Clear the search box to see all your entries. Locking Goldseam and opening it again will try once more.'

export const emotionsFailed =
  'The emotion log could not be gathered this time. Your entries are still here in the list. Locking Goldseam and opening it again will try once more.'
