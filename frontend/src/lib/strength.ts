// How strong a new passphrase is, with feedback a person can act on. The estimator
// (zxcvbn-ts with its word lists, about a megabyte) loads only when a passphrase is being
// chosen, and every sentence it can show is Goldseam's own.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

export interface Strength {
  /** 0 (very weak) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4
  /** A word for the meter. */
  label: string
  /** What makes it weak, if anything. */
  warning: string
  /** What would make it stronger. */
  suggestions: string[]
  /** Whether Goldseam accepts it as a passphrase. */
  acceptable: boolean
}

export const minimumLength = 8
const minimumScore = 3

const labels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong']

const warnings = {
  straightRow: 'A row of keys next to each other is among the first things anyone would try.',
  keyPattern: 'A pattern on the keyboard is easy to guess, even a twisting one.',
  simpleRepeat: 'Repeated letters, like "aaa", add almost nothing.',
  extendedRepeat: 'Repeating a group of letters, like "abcabc", adds almost nothing.',
  sequences: 'Runs like "abc" or "1234" are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess, especially ones that matter to you.',
  topTen: 'This is one of the most used passwords in the world.',
  topHundred: 'This is one of the most used passwords.',
  common: 'This is a commonly used password.',
  similarToCommon: 'This is very close to a commonly used password.',
  wordByItself: 'A single word on its own is easy to guess.',
  namesByThemselves: 'Names on their own are easy to guess.',
  commonNames: 'Common names and surnames are easy to guess.',
  userInputs: 'Avoid words that have to do with you or this app.',
  pwned: 'This passphrase has appeared in a data leak elsewhere.',
}

const suggestions = {
  l33t: 'Swapping letters for look-alike symbols (like @ for a) does not fool anyone.',
  reverseWords: 'Spelling a common word backwards does not make it harder to guess.',
  allUppercase: 'Capitals throughout help no more than lower case.',
  capitalization: 'A capital at the start helps very little; more words help a lot.',
  dates: 'Leave out dates that have to do with you.',
  recentYears: 'Leave out recent years.',
  associatedYears: 'Leave out years that have to do with you.',
  sequences: 'Leave out runs of letters or numbers.',
  repeated: 'Leave out repeated letters and words.',
  longerKeyboardPattern: 'Leave out keyboard patterns.',
  anotherWord: 'Add another word or two that have nothing to do with each other.',
  useWords: 'Use a few unrelated words, like a short strange sentence only you would picture.',
  noNeed: 'You do not need symbols, digits or capitals; length matters most.',
  pwned: 'Choose something you have not used anywhere else.',
}

// The time estimates are never shown; zxcvbn needs the keys filled all the same.
const timeEstimation = Object.fromEntries(
  ['ltSecond', 'second', 'seconds', 'minute', 'minutes', 'hour', 'hours', 'day', 'days', 'month', 'months', 'year', 'years', 'centuries'].map((k) => [k, '']),
) as Record<string, string>

let estimator: Promise<ZxcvbnFactory> | undefined

function load(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ])
    return new ZxcvbnFactory({
      translations: { warnings, suggestions, timeEstimation } as never,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
      useLevenshteinDistance: true,
    })
  })()
  return estimator
}

/**
 * measure rates passphrase. userInputs are words that would be easy for someone close to
 * guess (the app's name, names typed elsewhere); they count against it.
 */
export async function measure(passphrase: string, userInputs: string[] = []): Promise<Strength> {
  const factory = await load()
  const result = factory.check(passphrase.slice(0, 256), ['goldseam', 'gold', 'seam', 'trust', ...userInputs])
  const score = result.score as Strength['score']
  const long = [...passphrase.trim()].length >= minimumLength
  let warning = result.feedback.warning ?? ''
  if (!long) warning = `Use at least ${minimumLength} characters; a few unrelated words are best.`
  return {
    score,
    label: labels[score],
    warning,
    suggestions: result.feedback.suggestions ?? [],
    acceptable: long && score >= minimumScore,
  }
}

/**
 * refusal is what Goldseam says when it will not take a passphrase, or '' when it will: the
 * window shows it under the field and the command line prints it (internal/strength runs
 * this same file there).
 */
export function refusal(s: Strength): string {
  if (s.acceptable) return ''
  return s.warning || 'That passphrase is too easy to guess. ' + (s.suggestions[0] ?? '')
}
