// The value under the pointer, in words, beside its point. Chart.js's tooltip plugin cost 5 KB of every visit's
// script for this; a few lines of DOM do it. The History table under the chart is the accessible way to read
// every value, so the readout is hidden from assistive technology, as a canvas tooltip is.
import { formatDateTime, formatPoints } from '../format';
import type { StepPoint } from './step-points';

export interface Readout {
  /** Shows lines of words beside a point (`x`, `y` in the frame's CSS pixels), the first in bold; none hides it. */
  show(lines: readonly string[], x: number, y: number): void;
  hide(): void;
  remove(): void;
}

/** The lines a readout shows for a point: its time, its value in `unit`, and its notes. */
export function readoutLines(point: StepPoint, unit: string): string[] {
  if (point.kind === 'gap') return [];
  const value = `${formatPoints(point.y)} ${unit}${point.kind === 'confirmed' ? ', last confirmed' : ''}`;
  const notes = point.kind === 'start' ? point.notes.map((note) => `${formatDateTime(note.time)}: ${note.text}`) : [];
  return [formatDateTime(point.x), value, ...notes];
}

/** A readout inside `frame` (the positioned box around the chart's canvas). */
export function createReadout(frame: HTMLElement): Readout {
  const box = document.createElement('div');
  box.className = 'chart-readout';
  box.setAttribute('aria-hidden', 'true');
  box.hidden = true;
  frame.append(box);
  return {
    show(lines, x, y) {
      if (lines.length === 0) return this.hide();
      box.replaceChildren(
        ...lines.map((text, index) => {
          const line = document.createElement(index === 0 ? 'strong' : 'span');
          line.textContent = text;
          return line;
        }),
      );
      box.hidden = false;
      // Right of the point in the left half of the chart, left of it in the right half: always inside the frame.
      const onLeft = x > frame.clientWidth / 2;
      box.style.left = onLeft ? '' : `${x + 12}px`;
      box.style.right = onLeft ? `${frame.clientWidth - x + 12}px` : '';
      box.style.top = `${Math.max(0, y - 28)}px`;
    },
    hide() {
      box.hidden = true;
    },
    remove() {
      box.remove();
    },
  };
}
