// Token lifetimes as written on the command line: "90s", "30m", "8h", "7d".

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Seconds in `text`, or undefined when it is not a positive whole number with a unit s/m/h/d. */
export function parseLifetime(text: string): number | undefined {
  const match = /^([1-9][0-9]*)([smhd])$/.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
