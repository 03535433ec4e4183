/**
 * A note the user wrote about a moment in a tenant's history. Notes are records of their own, so folding
 * readings into runs never loses one: a note belongs to the run that holds its time.
 */
export interface Note {
  tenantId: string;
  /** The moment the note is about (epoch ms); with tenantId, its key. */
  time: number;
  text: string;
  /** When the text was last written (epoch ms): of two copies of a note, the later edit wins. */
  edited: number;
}

/** Of two copies of one note, the one edited last; on a tie the first (the one already kept). */
export function laterEdit(kept: Note, other: Note): Note {
  return other.edited > kept.edited ? other : kept;
}

export function compareNotes(a: Note, b: Note): number {
  return a.time - b.time;
}

/** One text per note identity (tenant and time), for sets and maps. A number's text never holds "|", so no two collide. */
export function noteKey(tenantId: string, time: number): string {
  return `${tenantId}|${time}`;
}
