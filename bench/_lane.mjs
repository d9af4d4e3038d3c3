// packages/core/src/exact.ts
var MAX_SAFE = Number.MAX_SAFE_INTEGER;
var POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
function gcdNum(a, b) {
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
function gcdBig(a, b) {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
var Exact = class _Exact {
  /** numerator when small (else NaN) */
  n;
  /** denominator when small (else NaN) */
  d;
  bn;
  bd;
  constructor(n, d, bn, bd) {
    this.n = n;
    this.d = d;
    this.bn = bn;
    this.bd = bd;
  }
  /** shared instances of small whole numbers, so common values cost no allocation */
  static SMALL = Array.from({ length: 1025 }, (_, i) => new _Exact(i, 1));
  static ZERO = _Exact.SMALL[0];
  static ONE = _Exact.SMALL[1];
  static HUNDRED = _Exact.SMALL[100];
  static int(n) {
    return n >= 0 && n <= 1024 ? _Exact.SMALL[n] : new _Exact(n, 1);
  }
  /** Builds n/d from safe integers, reducing it. */
  static ratio(n, d) {
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) {
      throw new RangeError(`Exact.ratio needs safe integers, got ${n}/${d}`);
    }
    if (d === 0) throw new RangeError("division by zero");
    return _Exact.norm(n, d);
  }
  /**
   * n/d × x for whole numbers n and d ≠ 0, in one step (one reduction, one object) when
   * everything stays a safe integer — the shape of every "ratio × max" criterion.
   *
   * @example
   * ```ts
   * Exact.scaledRatio(17, 19, Exact.from(20)).toString() // '340/19'
   * ```
   */
  static scaledRatio(n, d, x) {
    if (x.bn === void 0 && Number.isSafeInteger(n) && Number.isSafeInteger(d) && d !== 0) {
      const num = n * x.n;
      const den = d * x.d;
      if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) return _Exact.norm(num, den);
    }
    return _Exact.ratioBig(BigInt(n), BigInt(d)).mul(x);
  }
  /** Builds a value from bigint parts. */
  static ratioBig(n, d) {
    if (d === 0n) throw new RangeError("division by zero");
    return _Exact.normBig(n, d);
  }
  static norm(n, d) {
    if (n === 0) return _Exact.ZERO;
    if (d < 0) {
      n = -n;
      d = -d;
    }
    if (d === 1) return _Exact.int(n);
    const g = gcdNum(n, d);
    return g === 1 ? new _Exact(n, d) : new _Exact(n / g, d / g);
  }
  static normBig(n, d) {
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcdBig(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
    if (n === 0n) return _Exact.ZERO;
    if (n <= BigInt(MAX_SAFE) && n >= -BigInt(MAX_SAFE) && d <= BigInt(MAX_SAFE)) {
      return new _Exact(Number(n), Number(d));
    }
    return new _Exact(Number.NaN, Number.NaN, n, d);
  }
  /**
   * Parses a JS number (by its shortest round-trip decimal form, so `0.1` is exactly 1/10),
   * a decimal string (`"14.5"`, `"-2"`, `"1e-3"`) or a fraction string (`"2/3"`).
   * Throws on NaN, Infinity or malformed text.
   */
  static from(value) {
    if (value instanceof _Exact) return value;
    if (typeof value === "bigint") return _Exact.normBig(value, 1n);
    if (typeof value === "number") return _Exact.fromNumber(value);
    return _Exact.parse(value);
  }
  /**
   * The exact decimal a JS number stands for: its shortest round-trip form, as `String(x)`
   * prints it. Small decimals take an arithmetic fast path; the rest are parsed from text.
   */
  static fromNumber(x) {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isSafeInteger(x)) return _Exact.int(x);
    if (x > -1e6 && x < 1e6) {
      let p = 10;
      for (let k = 1; k <= 9; k++, p *= 10) {
        const m = Math.round(x * p);
        if (m / p === x) return _Exact.norm(m, p);
      }
    }
    return _Exact.parse(String(x));
  }
  /** Like {@link Exact.from} but returns undefined instead of throwing. */
  static tryFrom(value) {
    if (typeof value !== "number" && typeof value !== "string" && typeof value !== "bigint") {
      return value instanceof _Exact ? value : void 0;
    }
    try {
      return _Exact.from(value);
    } catch {
      return void 0;
    }
  }
  static parse(text) {
    const s = text.trim();
    const frac = /^(-?\d+)\/(\d+)$/.exec(s);
    if (frac) {
      const d = BigInt(frac[2]);
      if (d === 0n) throw new RangeError(`division by zero in "${text}"`);
      return _Exact.normBig(BigInt(frac[1]), d);
    }
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m || m[2] === "" && (m[3] === void 0 || m[3] === "")) {
      throw new RangeError(`not a decimal number: "${text}"`);
    }
    const sign = m[1] === "-" ? -1n : 1n;
    const intPart = m[2] ?? "";
    const fracPart = m[3] ?? "";
    const exp = m[4] === void 0 ? 0 : Number(m[4]);
    if (Math.abs(exp) > 400) throw new RangeError(`exponent out of range: "${text}"`);
    let num = BigInt(intPart + fracPart || "0") * sign;
    const scale = fracPart.length - exp;
    let den = 1n;
    if (scale > 0) den = 10n ** BigInt(scale);
    else if (scale < 0) num *= 10n ** BigInt(-scale);
    return _Exact.normBig(num, den);
  }
  get bigN() {
    return this.bn ?? BigInt(this.n);
  }
  get bigD() {
    return this.bd ?? BigInt(this.d);
  }
  /** a + b */
  add(b) {
    if (this.bn === void 0 && b.bn === void 0) {
      const an = this.n;
      const ad = this.d;
      const bnn = b.n;
      const bdd = b.d;
      if (ad === bdd) {
        const s = an + bnn;
        if (Number.isSafeInteger(s)) return ad === 1 ? _Exact.int(s) : _Exact.norm(s, ad);
      } else {
        const g = gcdNum(ad, bdd);
        const x = an * (bdd / g);
        const y = bnn * (ad / g);
        const s = x + y;
        const d = ad / g * bdd;
        if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && Number.isSafeInteger(s) && Number.isSafeInteger(d)) {
          return _Exact.norm(s, d);
        }
      }
    }
    return _Exact.normBig(this.bigN * b.bigD + b.bigN * this.bigD, this.bigD * b.bigD);
  }
  /**
   * Σ values[i] for i in `at` (every value when `at` is undefined), exactly. Small values
   * are summed over their least common denominator with one reduction at the end, instead
   * of one reduction per addition.
   */
  static sumAt(values, at) {
    const count = at ? at.length : values.length;
    let num = 0;
    let den = 1;
    let k = 0;
    for (; k < count; k++) {
      const v = values[at ? at[k] : k];
      if (v.bn !== void 0) break;
      let n = v.n;
      const d = v.d;
      if (d !== den && den % d === 0) {
        n = n * (den / d);
        if (!Number.isSafeInteger(n)) break;
      } else if (d !== den) {
        const g = gcdNum(den, d);
        const scaleOld = d / g;
        const newDen = den * scaleOld;
        const scaled = num * scaleOld;
        n = n * (den / g);
        if (!Number.isSafeInteger(newDen) || !Number.isSafeInteger(scaled) || !Number.isSafeInteger(n)) break;
        num = scaled;
        den = newDen;
      }
      const s = num + n;
      if (!Number.isSafeInteger(s)) break;
      num = s;
    }
    let acc = _Exact.norm(num, den);
    for (; k < count; k++) acc = acc.add(values[at ? at[k] : k]);
    return acc;
  }
  /** a − b */
  sub(b) {
    return this.add(b.neg());
  }
  /** −a */
  neg() {
    if (this.bn === void 0) return this.n === 0 ? this : new _Exact(-this.n, this.d);
    return new _Exact(Number.NaN, Number.NaN, -this.bn, this.bd);
  }
  /** a × b */
  mul(b) {
    if (this.bn === void 0 && b.bn === void 0) {
      if (this.n === 0 || b.n === 0) return _Exact.ZERO;
      if (b.d === 1 && b.n === 1) return this;
      if (this.d === 1 && this.n === 1) return b;
      const g1 = gcdNum(this.n, b.d);
      const g2 = gcdNum(b.n, this.d);
      const n = this.n / g1 * (b.n / g2);
      const d = this.d / g2 * (b.d / g1);
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return d === 1 ? _Exact.int(n) : new _Exact(n, d);
    }
    return _Exact.normBig(this.bigN * b.bigN, this.bigD * b.bigD);
  }
  /** a ÷ b; throws on division by zero */
  div(b) {
    if (b.isZero()) throw new RangeError("division by zero");
    if (this.bn === void 0 && b.bn === void 0) {
      if (this.n === 0) return _Exact.ZERO;
      if (b.d === 1 && b.n === 1) return this;
      const g1 = gcdNum(this.n, b.n);
      const g2 = gcdNum(b.d, this.d);
      let n = this.n / g1 * (b.d / g2);
      let d = this.d / g2 * (b.n / g1);
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) {
        if (d < 0) {
          n = -n;
          d = -d;
        }
        return d === 1 ? _Exact.int(n) : new _Exact(n, d);
      }
    }
    return this.mul(b.inv());
  }
  /** 1 ÷ a */
  inv() {
    if (this.isZero()) throw new RangeError("division by zero");
    if (this.bn === void 0) return this.n < 0 ? new _Exact(-this.d, -this.n) : new _Exact(this.d, this.n);
    return _Exact.normBig(this.bd, this.bn);
  }
  /** −1, 0 or 1 as a is below, equal to or above b */
  cmp(b) {
    if (this.bn === void 0 && b.bn === void 0) {
      if (this.d === b.d) return this.n < b.n ? -1 : this.n > b.n ? 1 : 0;
      const x2 = this.n * b.d;
      const y2 = b.n * this.d;
      if (Number.isSafeInteger(x2) && Number.isSafeInteger(y2)) return x2 < y2 ? -1 : x2 > y2 ? 1 : 0;
    }
    const x = this.bigN * b.bigD;
    const y = b.bigN * this.bigD;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  eq(b) {
    return this.cmp(b) === 0;
  }
  lt(b) {
    return this.cmp(b) < 0;
  }
  lte(b) {
    return this.cmp(b) <= 0;
  }
  gt(b) {
    return this.cmp(b) > 0;
  }
  gte(b) {
    return this.cmp(b) >= 0;
  }
  isZero() {
    return this.bn === void 0 ? this.n === 0 : this.bn === 0n;
  }
  isNegative() {
    return this.bn === void 0 ? this.n < 0 : this.bn < 0n;
  }
  /** true when the value is a whole number */
  isInteger() {
    return this.bn === void 0 ? this.d === 1 : this.bd === 1n;
  }
  static min(a, b) {
    return a.cmp(b) <= 0 ? a : b;
  }
  static max(a, b) {
    return a.cmp(b) >= 0 ? a : b;
  }
  /** Clamps into [lo, hi]. */
  clamp(lo, hi) {
    if (this.lt(lo)) return lo;
    if (this.gt(hi)) return hi;
    return this;
  }
  /** true when this value is a whole multiple of step (step > 0) */
  isMultipleOf(step) {
    return this.div(step).isInteger();
  }
  /**
   * Rounds to `decimals` places with the named mode, exactly.
   *
   * @example
   * ```ts
   * Exact.from('2.345').round(2, 'half-even').toString() // '2.34'
   * ```
   */
  round(decimals, mode = "half-up") {
    if (this.bn === void 0) {
      const d = this.d;
      if (d === 1) return this;
      const scaleN = POW10[decimals] ?? 10 ** decimals;
      if (scaleN % d === 0) return this;
      const num2 = this.n * scaleN;
      if (decimals <= 15 && Number.isSafeInteger(num2) && Number.isSafeInteger(d * 2)) {
        const neg2 = num2 < 0;
        const abs = neg2 ? -num2 : num2;
        let q2 = Math.floor(abs / d);
        let r2 = abs - q2 * d;
        if (r2 < 0) {
          q2 -= 1;
          r2 += d;
        } else if (r2 >= d) {
          q2 += 1;
          r2 -= d;
        }
        if (r2 !== 0) {
          const twice = r2 * 2;
          if (mode === "up" || mode === "half-up" && twice >= d || mode === "half-even" && (twice > d || twice === d && q2 % 2 === 1)) q2 += 1;
        }
        return _Exact.norm(neg2 ? -q2 : q2, scaleN);
      }
    }
    const scale = 10n ** BigInt(decimals);
    const num = this.bigN * scale;
    const den = this.bigD;
    const neg = num < 0n;
    const absNum = neg ? -num : num;
    let q = absNum / den;
    const r = absNum % den;
    if (r !== 0n) {
      const twice = r * 2n;
      switch (mode) {
        case "down":
          break;
        case "up":
          q += 1n;
          break;
        case "half-up":
          if (twice >= den) q += 1n;
          break;
        case "half-even":
          if (twice > den || twice === den && q % 2n === 1n) q += 1n;
          break;
      }
    }
    return _Exact.normBig(neg ? -q : q, scale);
  }
  /** Nearest JS number, for display and charts only — never fed back into scoring. */
  toNumber() {
    if (this.bn === void 0) return this.n / this.d;
    return Number(this.bn) / Number(this.bd);
  }
  /**
   * Canonical text: a plain decimal when the value has a finite decimal expansion
   * ("14.5", "0.3"), else the reduced fraction ("40/3").
   */
  toString() {
    if (this.bn === void 0) {
      const n0 = this.n;
      const d0 = this.d;
      if (d0 === 1) return String(n0);
      let rest = d0;
      let twos2 = 0;
      let fives2 = 0;
      while (rest % 2 === 0) {
        rest /= 2;
        twos2++;
      }
      while (rest % 5 === 0) {
        rest /= 5;
        fives2++;
      }
      if (rest !== 1) return `${n0}/${d0}`;
      const places2 = Math.max(twos2, fives2);
      const scaledNum = n0 * (POW10[places2] ?? 10 ** places2);
      if (places2 <= 15 && Number.isSafeInteger(scaledNum)) {
        const scaled2 = scaledNum / d0;
        const neg2 = scaled2 < 0;
        const digits2 = String(neg2 ? -scaled2 : scaled2).padStart(places2 + 1, "0");
        return `${neg2 ? "-" : ""}${digits2.slice(0, -places2)}.${digits2.slice(-places2)}`;
      }
    }
    let d = this.bigD;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    const n = this.bigN;
    if (d !== 1n) return `${n}/${this.bigD}`;
    const places = Math.max(twos, fives);
    if (places === 0) return n.toString();
    const scaled = n * 10n ** BigInt(places) / this.bigD;
    const neg = scaled < 0n;
    const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, "0");
    return `${neg ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`;
  }
  /**
   * Fixed-point text with exactly `decimals` places, rounded with `mode`.
   *
   * @example
   * ```ts
   * Exact.from('85.345').toFixed(2) // '85.35'
   * ```
   */
  toFixed(decimals, mode = "half-up") {
    const r = this.round(decimals, mode);
    const scaled = r.bigN * 10n ** BigInt(decimals) / r.bigD;
    const neg = scaled < 0n;
    const digits = (neg ? -scaled : scaled).toString().padStart(decimals + 1, "0");
    if (decimals === 0) return `${neg ? "-" : ""}${digits}`;
    return `${neg ? "-" : ""}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }
  /** Serialises as the canonical string so results survive JSON round trips exactly. */
  toJSON() {
    return this.toString();
  }
};

// packages/core/src/grid.ts
var GRID_LIMIT = 2 ** 52;
function toGrid(x, grid) {
  const scaled = x.round(grid.decimals, grid.mode).mul(Exact.from(grid.scale));
  const n = scaled.toNumber();
  return Number.isSafeInteger(n) && Math.abs(n) <= GRID_LIMIT && Exact.from(n).eq(scaled) ? n : void 0;
}
function exactlyOnGrid(x, grid) {
  const n = toGrid(x, grid);
  return n !== void 0 && Exact.ratio(n, grid.scale).eq(x) ? n : void 0;
}

// packages/core/src/lane.ts
var MAX_SCALED = 2 ** 40;
var NO_CAP = Number.POSITIVE_INFINITY;
var OP_ASK = 0;
var OP_PICK = 1;
var OP_STEPS = 2;
var OP_RATIO = 3;
var OP_COUNT = 4;
var OP_COMPUTE = 5;
var OP_BRANCHES = 6;
var OP_COUNT_ALL = 7;
var OP_BY_FORM = { pick: OP_PICK, steps: OP_STEPS, ratio: OP_RATIO, count: OP_COUNT, compute: OP_COMPUTE, branches: OP_BRANCHES };
var TAKEN_OTHERWISE = -1;
var TAKEN_NONE = -2;
var RATIO_LIMIT = 2 ** 50;
var ROUND_DOWN = 0;
var ROUND_UP = 1;
var ROUND_HALF_UP = 2;
var ROUND_HALF_EVEN = 3;
var CMP = { equal: 0, notEqual: 1, lessThan: 2, lessThanInclusive: 3, greaterThan: 4, greaterThanInclusive: 5 };
var lanes = /* @__PURE__ */ new WeakMap();
function laneOf(pack) {
  let lane = lanes.get(pack);
  if (lane === void 0) {
    lane = buildLane(pack) ?? null;
    lanes.set(pack, lane);
  }
  return lane ?? void 0;
}
function scaledExact(x, grid) {
  const g = exactlyOnGrid(x, grid);
  return g !== void 0 && Math.abs(g) <= MAX_SCALED ? g : void 0;
}
function buildLane(pack) {
  const leaf = pack.rounding.leaf;
  if (!leaf || leaf.decimals > 12 || pack.usesEvidence) return void 0;
  const grid = { decimals: leaf.decimals, mode: leaf.mode, scale: 10 ** leaf.decimals };
  const nodes = pack.nodes;
  const count = nodes.length;
  const floor = scaledExact(pack.floor, grid);
  if (floor === void 0) return void 0;
  const isLeaf = new Uint8Array(count);
  const gridForm = new Array(count).fill(void 0);
  const max = new Float64Array(count);
  const low = new Float64Array(count);
  const capBonus = new Float64Array(count).fill(NO_CAP);
  const capDeduction = new Float64Array(count).fill(NO_CAP);
  const childOffset = new Int32Array(count + 1);
  const children = [];
  const adjustedSlot = new Int32Array(count).fill(-1);
  const adjOffset = new Int32Array(count + 1);
  const adjIsBonus = [];
  const adjCap = [];
  const adjFast = [];
  const adjCompute = [];
  let slots = 0;
  for (let i = 0; i < count; i++) {
    const n = nodes[i];
    if (n.applicability !== void 0 || n.source === "survey") return void 0;
    const m = scaledExact(n.maxPoints, grid);
    if (m === void 0) return void 0;
    max[i] = m;
    low[i] = Math.min(floor, m);
    if (n.isLeaf) {
      const rule = n.rule;
      if (!rule?.compute) return void 0;
      isLeaf[i] = 1;
      gridForm[i] = rule.onGrid?.(grid);
    }
    childOffset[i] = children.length;
    children.push(...n.children);
    adjOffset[i] = adjFast.length;
    if (n.adjustments.length > 0) {
      adjustedSlot[i] = slots++;
      if (n.caps.bonus !== void 0) {
        const c = scaledExact(n.caps.bonus, grid);
        if (c === void 0) return void 0;
        capBonus[i] = c;
      }
      if (n.caps.deduction !== void 0) {
        const c = scaledExact(n.caps.deduction, grid);
        if (c === void 0) return void 0;
        capDeduction[i] = c;
      }
      for (const ai of n.adjustments) {
        const adj = pack.adjustments[ai];
        let cap = NO_CAP;
        if (adj.cap !== void 0) {
          const c = scaledExact(adj.cap, grid);
          if (c === void 0) return void 0;
          cap = c;
        }
        adjIsBonus.push(adj.type === "bonus" ? 1 : 0);
        adjCap.push(cap);
        adjFast.push(adj.entered ? () => 0 : adj.onGrid?.(grid));
        adjCompute.push(adj.compute);
      }
    }
  }
  childOffset[count] = children.length;
  adjOffset[count] = adjFast.length;
  const leaves = [];
  const inner = [];
  const leafOp = [];
  const leafPlain = [];
  const factSlots = /* @__PURE__ */ new Map();
  const slotOf = (name) => {
    let k = factSlots.get(name);
    if (k === void 0) factSlots.set(name, k = factSlots.size);
    return k;
  };
  const leafSlot = [];
  const leafSlot2 = [];
  const leafA = [];
  const leafB = [];
  const leafFrom = [];
  const leafTo = [];
  const pickValues = [];
  const stepMin = [];
  const stepExclusive = [];
  const tablePoints = [];
  const leafCompute = [];
  const leafRule = [];
  const tableOutcome = [];
  const branchOutcome = [];
  const otherwiseOutcome = [];
  const branchAll = [];
  const branchFrom = [];
  const branchTo = [];
  const branchPoints = [];
  const comparisonSlot = [];
  const comparisonOp = [];
  const comparisonValue = [];
  const opOf = (i) => OP_BY_FORM[gridForm[i]?.op ?? "none"] ?? OP_ASK;
  for (const i of pack.postOrder) if (isLeaf[i] !== 1) inner.push(i);
  const leafOrder = pack.postOrder.filter((i) => isLeaf[i] === 1).sort((x, y) => opOf(x) - opOf(y));
  const opStart = new Int32Array(OP_COUNT_ALL + 1);
  for (const i of leafOrder) opStart[opOf(i) + 1]++;
  for (let o = 1; o <= OP_COUNT_ALL; o++) opStart[o] += opStart[o - 1];
  for (const i of leafOrder) {
    leaves.push(i);
    leafRule.push(nodes[i].rule);
    const form = gridForm[i];
    let op = OP_ASK;
    let fact = -1;
    let fact2 = -1;
    let a = 0;
    let b = 0;
    let compute;
    let otherwise;
    let from = tablePoints.length;
    let to = -1;
    if (form) {
      switch (form.op) {
        case "pick":
          op = OP_PICK;
          fact = slotOf(form.fact);
          pickValues.push(...form.values);
          tablePoints.push(...form.points);
          tableOutcome.push(...form.outcomes);
          stepMin.push(...form.points.map(() => 0));
          stepExclusive.push(...form.points.map(() => 0));
          break;
        case "steps":
          op = OP_STEPS;
          fact = slotOf(form.fact);
          a = form.otherwise;
          stepMin.push(...form.mins);
          stepExclusive.push(...form.exclusive.map((e) => e ? 1 : 0));
          tablePoints.push(...form.points);
          tableOutcome.push(...form.outcomes);
          otherwise = form.otherwiseOutcome;
          pickValues.push(...form.points.map(() => false));
          break;
        case "ratio":
          op = OP_RATIO;
          fact = slotOf(form.numerator);
          fact2 = slotOf(form.denominator);
          a = form.max;
          break;
        case "count":
          op = OP_COUNT;
          fact = slotOf(form.fact);
          a = form.each;
          b = form.cap;
          break;
        case "compute":
          op = OP_COMPUTE;
          compute = form.compute;
          break;
        case "branches":
          op = OP_BRANCHES;
          a = form.otherwise;
          from = branchAll.length;
          for (const b2 of form.branches) {
            branchAll.push(b2.all ? 1 : 0);
            branchFrom.push(comparisonSlot.length);
            for (const c of b2.comparisons) {
              comparisonSlot.push(slotOf(c.fact));
              comparisonOp.push(CMP[c.operator]);
              comparisonValue.push(c.value);
            }
            branchTo.push(comparisonSlot.length);
            branchPoints.push(b2.points);
            branchOutcome.push(b2.outcome);
          }
          otherwise = form.otherwiseOutcome;
          to = branchAll.length;
          break;
      }
    }
    leafOp.push(op);
    leafPlain.push(adjOffset[i + 1] === adjOffset[i] && low[i] <= 0 ? 1 : 0);
    leafSlot.push(fact);
    leafSlot2.push(fact2);
    leafA.push(a);
    leafB.push(b);
    leafFrom.push(from);
    leafTo.push(to < 0 ? tablePoints.length : to);
    leafCompute.push(compute);
    otherwiseOutcome.push(otherwise);
  }
  return {
    pack,
    grid,
    scaleExact: Exact.from(grid.scale),
    modeCode: grid.mode === "up" ? ROUND_UP : grid.mode === "half-up" ? ROUND_HALF_UP : grid.mode === "half-even" ? ROUND_HALF_EVEN : ROUND_DOWN,
    count,
    stride: count + 2 * slots,
    adjustedSlot,
    postOrder: Int32Array.from(pack.postOrder),
    isLeaf,
    leaves: Int32Array.from(leaves),
    leafOp: Uint8Array.from(leafOp),
    leafPlain: Uint8Array.from(leafPlain),
    factNames: [...factSlots.keys()],
    leafSlot: Int32Array.from(leafSlot),
    leafSlot2: Int32Array.from(leafSlot2),
    leafA: Float64Array.from(leafA),
    leafB: Float64Array.from(leafB),
    leafFrom: Int32Array.from(leafFrom),
    leafTo: Int32Array.from(leafTo),
    pickValues,
    stepMin: Float64Array.from(stepMin),
    stepExclusive: Uint8Array.from(stepExclusive),
    tablePoints: Float64Array.from(tablePoints),
    branchAll: Uint8Array.from(branchAll),
    branchFrom: Int32Array.from(branchFrom),
    branchTo: Int32Array.from(branchTo),
    branchPoints: Float64Array.from(branchPoints),
    comparisonSlot: Int32Array.from(comparisonSlot),
    comparisonOp: Uint8Array.from(comparisonOp),
    comparisonValue,
    leafCompute,
    leafRule,
    tableOutcome,
    branchOutcome,
    otherwiseOutcome,
    taken: new Int32Array(leaves.length),
    leafPoints: new Float64Array(leaves.length),
    opStart,
    inner: Int32Array.from(inner),
    childOffset,
    children: Int32Array.from(children),
    max,
    low,
    capBonus,
    capDeduction,
    adjOffset,
    adjIsBonus: Uint8Array.from(adjIsBonus),
    adjCap: Float64Array.from(adjCap),
    adjFast,
    adjCompute
  };
}
var ENVELOPE_KEYS = /* @__PURE__ */ new Set(["unitId", "period", "group", "facts"]);
function isPlainObject(v) {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
function isLaneInput(a) {
  if (!isPlainObject(a)) return false;
  for (const k in a) if (!ENVELOPE_KEYS.has(k)) return false;
  const { unitId, period, group, facts } = a;
  return typeof unitId === "string" && unitId.length > 0 && typeof period === "string" && period.length > 0 && (group === void 0 || typeof group === "string") && (facts === void 0 || isPlainObject(facts));
}
function laneScore(lane, facts, buf, offset, values) {
  const names = lane.factNames;
  for (let s = 0; s < names.length; s++) values[s] = facts[names[s]];
  const { leafSlot, leafA, leafFrom, leafTo, tablePoints, taken, leafPoints: pts, opStart } = lane;
  for (let k = opStart[OP_PICK], end = opStart[OP_PICK + 1]; k < end; k++) {
    const v = values[leafSlot[k]];
    let p = Number.NaN;
    let t = TAKEN_NONE;
    for (let j = leafFrom[k], stop = leafTo[k]; j < stop; j++) {
      if (lane.pickValues[j] === v) {
        p = tablePoints[j];
        t = j;
        break;
      }
    }
    pts[k] = p;
    taken[k] = t;
  }
  const mins = lane.stepMin;
  const exclusive = lane.stepExclusive;
  for (let k = opStart[OP_STEPS], end = opStart[OP_STEPS + 1]; k < end; k++) {
    const raw = values[leafSlot[k]];
    let p = Number.NaN;
    let t = TAKEN_NONE;
    if (typeof raw === "number" && raw - raw === 0) {
      p = leafA[k];
      t = TAKEN_OTHERWISE;
      for (let j = leafFrom[k], stop = leafTo[k]; j < stop; j++) {
        const m = mins[j];
        if (raw > m || raw === m && exclusive[j] === 0) {
          p = tablePoints[j];
          t = j;
          break;
        }
      }
    }
    pts[k] = p;
    taken[k] = t;
  }
  const modeCode = lane.modeCode;
  const slot2 = lane.leafSlot2;
  for (let k = opStart[OP_RATIO], end = opStart[OP_RATIO + 1]; k < end; k++) {
    const rn = values[leafSlot[k]];
    const rd = values[slot2[k]];
    let p = Number.NaN;
    if (typeof rn === "number" && typeof rd === "number" && Number.isSafeInteger(rn) && Number.isSafeInteger(rd) && rn >= 0 && rd > 0) {
      const m = leafA[k];
      if (rn >= rd) p = m;
      else {
        const a = rn * m;
        if (a <= RATIO_LIMIT && rd <= RATIO_LIMIT) {
          const bias = modeCode === ROUND_DOWN ? 0 : modeCode === ROUND_UP ? 2 * rd - 2 : rd;
          const num = 2 * a + bias;
          const den = 2 * rd;
          let q = Math.floor(num / den);
          let r = num - q * den;
          if (r < 0) {
            q -= 1;
            r += den;
          } else if (r >= den) {
            q += 1;
            r -= den;
          }
          if (modeCode === ROUND_HALF_EVEN && r === 0 && q % 2 === 1) q -= 1;
          p = q;
        }
      }
    }
    pts[k] = p;
    taken[k] = TAKEN_NONE;
  }
  for (let k = opStart[OP_COUNT], end = opStart[OP_COUNT + 1]; k < end; k++) {
    const v = values[leafSlot[k]];
    let p = Number.NaN;
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v * leafA[k] <= GRID_LIMIT) {
      p = v * leafA[k];
      if (p > lane.leafB[k]) p = lane.leafB[k];
    }
    pts[k] = p;
    taken[k] = TAKEN_NONE;
  }
  for (let k = opStart[OP_BRANCHES], end = opStart[OP_BRANCHES + 1]; k < end; k++) {
    taken[k] = TAKEN_NONE;
    pts[k] = branches(lane, k, values);
  }
  for (let k = opStart[OP_COMPUTE], end = opStart[OP_COMPUTE + 1]; k < end; k++) {
    taken[k] = TAKEN_NONE;
    pts[k] = lane.leafCompute[k](facts);
  }
  for (let k = opStart[OP_ASK], end = opStart[OP_ASK + 1]; k < end; k++) {
    taken[k] = TAKEN_NONE;
    pts[k] = Number.NaN;
  }
  const { leaves, leafPlain, max, low, adjOffset } = lane;
  for (let k = 0; k < leaves.length; k++) {
    const i = leaves[k];
    let p = pts[k];
    if (p !== p) {
      const out = lane.leafRule[k].compute(facts, false);
      if (out === void 0) return false;
      const g = toGrid(out.points, lane.grid);
      if (g === void 0) return false;
      p = g;
    } else if (leafPlain[k] === 1) {
      buf[offset + i] = p;
      continue;
    }
    if (adjOffset[i + 1] > adjOffset[i]) {
      p = adjust(lane, i, p, facts, buf, offset);
      if (p !== p) return false;
    }
    const hi = max[i];
    buf[offset + i] = p > hi ? hi : p < low[i] ? low[i] : p;
  }
  const { inner, childOffset, children } = lane;
  for (let k = 0; k < inner.length; k++) {
    const i = inner[k];
    let p = 0;
    for (let c = childOffset[i], end = childOffset[i + 1]; c < end; c++) p += buf[offset + children[c]];
    if (adjOffset[i + 1] > adjOffset[i]) {
      p = adjust(lane, i, p, facts, buf, offset);
      if (p !== p) return false;
    }
    const hi = max[i];
    buf[offset + i] = p > hi ? hi : p < low[i] ? low[i] : p;
  }
  return true;
}
function takenSlot(lane, k) {
  const j = lane.taken[k];
  if (j === TAKEN_NONE) return -1;
  const tables = lane.tableOutcome.length;
  if (j === TAKEN_OTHERWISE) return tables + lane.branchOutcome.length + k;
  return lane.leafOp[k] === OP_BRANCHES ? tables + j : j;
}
function slotOutcome(lane, slot) {
  const tables = lane.tableOutcome.length;
  const branchCount = lane.branchOutcome.length;
  if (slot < tables) return lane.tableOutcome[slot];
  if (slot < tables + branchCount) return lane.branchOutcome[slot - tables];
  return lane.otherwiseOutcome[slot - tables - branchCount];
}
function slotCount(lane) {
  return lane.tableOutcome.length + lane.branchOutcome.length + lane.leaves.length;
}
function branches(lane, k, values) {
  const { branchAll, branchFrom, branchTo, comparisonSlot, comparisonOp, comparisonValue } = lane;
  for (let b = lane.leafFrom[k], end = lane.leafTo[k]; b < end; b++) {
    const all = branchAll[b] === 1;
    let holds = all;
    for (let j = branchFrom[b], stop = branchTo[b]; j < stop; j++) {
      const v = values[comparisonSlot[j]];
      if (v === void 0 || v !== null && (typeof v === "object" || typeof v === "function")) return Number.NaN;
      const c = comparisonValue[j];
      let r;
      const cmp = comparisonOp[j];
      if (cmp === 0) r = v === c;
      else if (cmp === 1) r = v !== c;
      else {
        if (typeof v !== "number") return Number.NaN;
        const n = c;
        r = cmp === 2 ? v < n : cmp === 3 ? v <= n : cmp === 4 ? v > n : v >= n;
      }
      if (r !== all) {
        holds = r;
        break;
      }
    }
    if (holds) {
      lane.taken[k] = b;
      return lane.branchPoints[b];
    }
  }
  lane.taken[k] = TAKEN_OTHERWISE;
  return lane.leafA[k];
}
function adjust(lane, i, p, facts, buf, offset) {
  let b = 0;
  let d = 0;
  for (let j = lane.adjOffset[i], end = lane.adjOffset[i + 1]; j < end; j++) {
    const fast = lane.adjFast[j];
    let amount = fast === void 0 ? Number.NaN : fast(facts);
    if (amount !== amount) {
      const g = exactlyOnGrid(lane.adjCompute[j](facts).amount, lane.grid);
      if (g === void 0) return Number.NaN;
      amount = g;
    }
    const cap = lane.adjCap[j];
    if (amount > cap) amount = cap;
    if (lane.adjIsBonus[j] === 1) b += amount;
    else d += amount;
    if (b > GRID_LIMIT || d > GRID_LIMIT) return Number.NaN;
  }
  if (b > lane.capBonus[i]) b = lane.capBonus[i];
  if (d > lane.capDeduction[i]) d = lane.capDeduction[i];
  const slot = offset + lane.count + 2 * lane.adjustedSlot[i];
  buf[slot] = b;
  buf[slot + 1] = d;
  return p + b - d;
}
export {
  TAKEN_NONE,
  TAKEN_OTHERWISE,
  isLaneInput,
  laneOf,
  laneScore,
  slotCount,
  slotOutcome,
  takenSlot
};
