// A short two-tone beep for a new order, made with an oscillator: no sound file to ship or load.
// One AudioContext for the window, made on first use; a browser that has not had a click yet may
// keep it suspended (autoplay policy), and then the beep is silently skipped.

let context: AudioContext | null = null;
let lastBeepAt = 0;
/** A burst of orders is one beep, not a machine gun. */
const MIN_BEEP_GAP_MS = 800;

export function beepForOrder(): void {
  const now = performance.now();
  if (now - lastBeepAt < MIN_BEEP_GAP_MS) return;
  lastBeepAt = now;
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => {});
    const start = context.currentTime;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
    gain.connect(context.destination);
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(880, start);
    oscillator.frequency.setValueAtTime(1320, start + 0.12);
    oscillator.connect(gain);
    oscillator.start(start);
    oscillator.stop(start + 0.32);
    oscillator.onended = () => gain.disconnect();
  } catch {
    // No audio output (a headless test browser): the order is on screen all the same.
  }
}
