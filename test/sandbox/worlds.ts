/** The shipped sandbox worlds, and the fixed virtual start the world tests run from (exact timestamps). */
export const WORLD_START = Date.UTC(2026, 10, 26, 9, 0, 0);

export function worldPath(file: string): string {
  return new URL(`../../scenarios/worlds/${file}`, import.meta.url).pathname;
}
