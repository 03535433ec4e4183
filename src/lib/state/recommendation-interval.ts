// A module of its own, so that what needs only this number (the app's wiring) does not bring the refresh's code.

/** Microsoft recomputes recommendations about daily and each read is ~1,000 records: read them at most this often. */
export const RECOMMENDATIONS_MIN_INTERVAL_MS = 4 * 60 * 60_000;
