// The private safety check: its four questions and the answers each can have. Go keeps the
// same ids (profile.SafetyQuestions) and decides what the answers mean (profile.Concern).
export const safetyQuestions = [
  { id: 'hurt', text: 'Does your partner hurt you, push you, or threaten to?' },
  { id: 'afraid', text: 'Are you afraid of what your partner might do if you disagree or say no?' },
  { id: 'control', text: 'Does your partner control your money, your phone, who you see or where you go?' },
  { id: 'pressured', text: 'Does your partner force or pressure you into anything sexual?' },
] as const

export const safetyAnswers = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
  { value: 'rather-not-say', label: 'I would rather not say' },
] as const

/** unanswered says whether any question still lacks an answer. */
export function unanswered(safety: Record<string, string>): boolean {
  return safetyQuestions.some((q) => !safety[q.id])
}
