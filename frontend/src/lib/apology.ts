// Gentle feedback on an apology draft: the words that often turn an apology into a defence.
// It never blocks anything; it points at the phrase and says why it may land badly.

export interface Hint {
  phrase: string
  why: string
}

const patterns: { re: RegExp; why: string }[] = [
  { re: /\bbut\b/i, why: 'Anything after "but" can sound like it takes back what came before it.' },
  { re: /\bbecause you\b/i, why: '"Because you…" can sound as if the reason lies with your partner.' },
  { re: /\bif you (felt|were|feel)\b/i, why: '"If you felt…" can sound as if the hurt is in doubt.' },
  { re: /\byou made me\b/i, why: '"You made me…" hands the choice to your partner; it was yours.' },
  { re: /\bi only\b|\bit was just\b|\bnot a big deal\b/i, why: 'Words that make it smaller can make the hurt feel dismissed.' },
]

/** apologyHints finds phrases in text that may read as justification rather than apology. */
export function apologyHints(text: string): Hint[] {
  const out: Hint[] = []
  for (const p of patterns) {
    const m = text.match(p.re)
    if (m) out.push({ phrase: m[0], why: p.why })
  }
  return out
}
