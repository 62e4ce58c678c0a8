/** Runs `fn` repeatedly for about `ms` milliseconds and returns operations per second. */
export function opsPerSecond(fn: (i: number) => unknown, ms = 1500): number {
  for (let i = 0; i < 2000; i++) fn(i); // warm-up
  let i = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 1000; k++, i++) fn(i);
    now = performance.now();
  }
  return (i / (now - start)) * 1000;
}

export async function opsPerSecondAsync(fn: (i: number) => Promise<unknown>, ms = 1500): Promise<number> {
  for (let i = 0; i < 200; i++) await fn(i);
  let i = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 50; k++, i++) await fn(i);
    now = performance.now();
  }
  return (i / (now - start)) * 1000;
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
