import type { ChartColours } from './trend-chart';

/** The chart colours of the page's theme (app.css), as they apply to an element. */
export function chartColoursOf(element: HTMLElement): ChartColours {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    line: read('--chart-line'),
    fill: read('--chart-fill'),
    grid: read('--border'),
    text: read('--muted'),
    note: read('--chart-note'),
    background: read('--surface'),
  };
}

/** Calls `onChange` whenever the system switches between light and dark; returns the function that stops it. */
export function watchColourScheme(onChange: () => void): () => void {
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  scheme.addEventListener('change', onChange);
  return () => scheme.removeEventListener('change', onChange);
}
