// Exact rational arithmetic for legal calculations. The law's tables round half-up to whole kWh and
// charges round to one tyiyn; binary floating point would turn 5 582.5 into 5 582.4999… and round it
// the wrong way (004-part2.md §3.3), so every value is a fraction of two integers until it is rounded.
import type { Unit } from '../rules/schema.ts';
import { assertSameDimension, factorOf } from '../units/units.ts';

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export class Exact {
  /** Numerator and denominator in lowest terms; the denominator is positive. */
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    if (den === 0n) throw new RangeError('division by zero');
    const sign = den < 0n ? -1n : 1n;
    const g = gcd(num, den) || 1n;
    this.num = (sign * num) / g;
    this.den = (sign * den) / g;
  }

  static readonly ZERO = new Exact(0n, 1n);
  static readonly ONE = new Exact(1n, 1n);

  /** The decimal a number or numeric string is written as: 0.1 is exactly 1/10. */
  static of(value: number | string | bigint): Exact {
    if (typeof value === 'bigint') return new Exact(value, 1n);
    const text = typeof value === 'number' ? String(value) : value.trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '') || !Number.isFinite(Number(text)))
      throw new RangeError(`not a finite decimal number: ${JSON.stringify(value)}`);
    const fraction = m[3] ?? '';
    const exponent = Number(m[4] ?? '0') - fraction.length;
    const digits = BigInt(`${m[1] === '-' ? '-' : ''}${m[2] || '0'}${fraction}`);
    return exponent >= 0
      ? new Exact(digits * 10n ** BigInt(exponent), 1n)
      : new Exact(digits, 10n ** BigInt(-exponent));
  }

  static sum(values: readonly Exact[]): Exact {
    return values.reduce((a, b) => a.plus(b), Exact.ZERO);
  }

  plus(other: Exact): Exact {
    return new Exact(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  minus(other: Exact): Exact {
    return new Exact(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  times(other: Exact | number): Exact {
    const o = other instanceof Exact ? other : Exact.of(other);
    return new Exact(this.num * o.num, this.den * o.den);
  }

  div(other: Exact | number): Exact {
    const o = other instanceof Exact ? other : Exact.of(other);
    return new Exact(this.num * o.den, this.den * o.num);
  }

  compare(other: Exact): -1 | 0 | 1 {
    const d = this.num * other.den - other.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  /** Rounded to `decimals` places, halves away from zero (half-up, as the A4 tables are). */
  round(decimals: number): Exact {
    const scale = 10n ** BigInt(decimals);
    const scaled = this.num * scale;
    const magnitude = scaled < 0n ? -scaled : scaled;
    let q = magnitude / this.den;
    if ((magnitude % this.den) * 2n >= this.den) q += 1n;
    return new Exact(scaled < 0n ? -q : q, scale);
  }

  /** Closest binary number; for results already rounded to a few decimals it is the decimal itself. */
  toNumber(): number {
    return Number(this.toFixed(20));
  }

  toFixed(decimals: number): string {
    const r = this.round(decimals);
    const scale = 10n ** BigInt(decimals);
    const scaled = (r.num * scale) / r.den;
    const negative = scaled < 0n;
    const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
    const whole = digits.slice(0, digits.length - decimals);
    const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

/** `value` in `from` units expressed in `to` units, exactly (5 000 Wh → 5 kWh). */
export function convertExact(value: Exact, from: Unit, to: Unit): Exact {
  if (from === to) return value;
  assertSameDimension(from, to);
  return value.times(Exact.of(factorOf(from))).div(Exact.of(factorOf(to)));
}
