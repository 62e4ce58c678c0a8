// Sets of instants kept as sorted, disjoint, non-adjacent half-open spans [from, to) in epoch
// milliseconds: a metering point's received, forwarded and missing intervals stay a handful of
// spans however many intervals they hold, and set arithmetic makes a repeated interval count once.
export type Span = readonly [from: number, to: number];

/** The same instants as sorted spans, overlapping and touching spans merged. */
export function normalize(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export const union = (x: readonly Span[], y: readonly Span[]): Span[] => normalize([...x, ...y]);

export function intersect(x: readonly Span[], y: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [a, b] of x)
    for (const [c, d] of y) {
      const from = Math.max(a, c);
      const to = Math.min(b, d);
      if (to > from) out.push([from, to]);
    }
  return normalize(out);
}

export function subtract(x: readonly Span[], y: readonly Span[]): Span[] {
  let rest = normalize(x);
  for (const [c, d] of normalize(y))
    rest = rest.flatMap(([a, b]): Span[] =>
      d <= a || c >= b
        ? [[a, b]]
        : (
            [
              [a, c],
              [d, b],
            ] as Span[]
          ).filter(([f, t]) => t > f),
    );
  return rest;
}

/** Total length in milliseconds. */
export const measure = (spans: readonly Span[]): number => spans.reduce((n, [a, b]) => n + b - a, 0);
