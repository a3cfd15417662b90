/**
 * Synthesises the short notification sounds the window plays (run: `npm run sounds`):
 * 16-bit mono WAVs at 22.05 kHz, a few kilobytes each, written next to the code that plays them
 * (renderer/src/features/notifications/sounds, bundled by Vite).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const RATE = 22_050;
const out = path.join(import.meta.dirname, '../renderer/src/features/notifications/sounds');

/** A note: frequency in Hz, start and length in seconds, loudness 0..1. */
interface Note {
  hz: number;
  at: number;
  length: number;
  gain: number;
}

function render(notes: Note[], seconds: number): Int16Array {
  const samples = new Float64Array(Math.round(seconds * RATE));
  for (const note of notes) {
    const start = Math.round(note.at * RATE);
    const count = Math.round(note.length * RATE);
    for (let i = 0; i < count && start + i < samples.length; i++) {
      const t = i / RATE;
      const attack = Math.min(1, t / 0.005); // no click at the start
      const decay = Math.exp(-t * (5 / note.length));
      // A bell-ish tone: the fundamental and a soft octave.
      const tone = Math.sin(2 * Math.PI * note.hz * t) + 0.3 * Math.sin(4 * Math.PI * note.hz * t);
      samples[start + i]! += note.gain * attack * decay * tone;
    }
  }
  const peak = Math.max(...samples.map(Math.abs), 1e-9);
  return Int16Array.from(samples, (v) => Math.round((v / peak) * 0.7 * 32_767));
}

function wav(pcm: Int16Array): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + pcm.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(pcm.byteLength, 40);
  return Buffer.concat([header, Buffer.from(pcm.buffer)]);
}

const sounds: Record<string, { notes: Note[]; seconds: number }> = {
  chime: {
    notes: [
      { hz: 880, at: 0, length: 0.35, gain: 1 },
      { hz: 1318.5, at: 0.09, length: 0.4, gain: 0.8 },
    ],
    seconds: 0.5,
  },
  ping: { notes: [{ hz: 1568, at: 0, length: 0.25, gain: 1 }], seconds: 0.28 },
  pop: {
    notes: [
      { hz: 520, at: 0, length: 0.08, gain: 1 },
      { hz: 780, at: 0.05, length: 0.1, gain: 0.7 },
    ],
    seconds: 0.16,
  },
};

mkdirSync(out, { recursive: true });
for (const [name, { notes, seconds }] of Object.entries(sounds)) writeFileSync(path.join(out, `${name}.wav`), wav(render(notes, seconds)));
