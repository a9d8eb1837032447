// Voice call-out on the hall board (H5 only): the browser's own speech synthesis, in Chinese.
// Browsers speak only after a user gesture on the page, so the board turns it on from a visible
// button; utterances queue in the browser (speechSynthesis.speak never interrupts the current
// one). Every call is guarded: a board must keep showing numbers even where speech is broken.

export function isSpeechAvailable(): boolean {
  if (process.env.TARO_ENV !== 'h5') return false;
  try {
    return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function';
  } catch {
    return false;
  }
}

/** Queues one sentence; false when it could not be queued. */
export function speak(text: string): boolean {
  if (!isSpeechAvailable()) return false;
  try {
    const utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = 'zh-CN';
    // A little slower than the default: halls are noisy and many listeners are old.
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
    return true;
  } catch {
    return false;
  }
}

/** Stops what is queued (the board's voice switched off). */
export function stopSpeaking(): void {
  if (!isSpeechAvailable()) return;
  try {
    window.speechSynthesis.cancel();
  } catch {
    // Nothing to stop.
  }
}

/** "请 A023 号到 3 号窗口" — the sentence halls use. */
export const callSentence = (displayNumber: string, counterNumber: number): string => `请 ${displayNumber} 号到 ${counterNumber} 号窗口`;
