/** Resolves in the next task: long work done in chunks gives the page its turn between them. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
