// The drawing layer of the course's explorers: controls, a readout and a figure drawn in the
// page, so that a slider's frame never waits for the kernel.
//
// Python (erm_course/drawing.py) sends a *scene*: the still parts of the figure as a PNG that
// matplotlib drew, each axes' box and limits, and what moves, as data the page only has to
// draw: a family of curves indexed by a slider's stops (one curve per sigma, say), constant
// arrays, or, where the combinations are too many to send, a small program the page runs on
// data it was sent (gradient descent on the salaries, the line w0 + w1 x). The page draws
// that over the background on every input event, and tells Python the controls' values
// afterwards, without waiting for an answer.
//
// The same module runs in JupyterLab and Notebook 7 (through anywidget: the default export)
// and on the course's website with no kernel (site/build_site.py gives it a small model that
// holds the saved state).

const KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown",
                      "Home", "End"]);

// --------------------------------------------------------------------------------------
// Reading what Python sent
// --------------------------------------------------------------------------------------

/** A typed array from what the model holds: a DataView (a binary buffer), or a list. */
export function asArray(value, type = Float64Array) {
  if (value instanceof DataView) {
    return new type(value.buffer, value.byteOffset, value.byteLength / type.BYTES_PER_ELEMENT);
  }
  if (ArrayBuffer.isView(value)) return value;
  return type.from(value);
}

/** Row ``index`` of a family: {data (float32 bytes), shape: [stops, points]}. */
export function familyRow(family, index) {
  const data = family._cache || (family._cache = asArray(family.data, Float32Array));
  const width = family.shape[1];
  const i = Math.max(0, Math.min(family.shape[0] - 1, index));
  return data.subarray(i * width, (i + 1) * width);
}

// --------------------------------------------------------------------------------------
// Programs the page runs on data it was sent: gradient descent, a line
// --------------------------------------------------------------------------------------

const OUTCOMES = {
  converged: "converged",
  oscillating: "oscillating (still bouncing at the cap)",
  max_iter: "still moving at the cap",
  diverged: "diverged",
};

/** erm_helpers.gradient_descent, step for step, for a start of one or several numbers.
 *  ``gradient(h)`` returns a number (h a number) or an array (h an array). */
export function gradientDescent(gradient, h0, alpha, tol = 1e-6, maxIter = 10000) {
  const vector = Array.isArray(h0) || ArrayBuffer.isView(h0);
  const size = vector ? (v) => Math.hypot(...v) : (v) => Math.abs(v);
  const finite = vector ? (v) => v.every(Number.isFinite) : Number.isFinite;
  const path = [vector ? Array.from(h0) : h0];
  let h = path[0];
  let bound = null;
  let outcome = null;
  for (let k = 1; k <= maxIter; k++) {
    const slope = gradient(h);
    if (!finite(slope)) { outcome = "diverged"; break; }
    const step = vector ? slope.map((s) => -(alpha * 1.0) * s) : -(alpha * 1.0) * slope;
    const next = vector ? h.map((v, i) => v + step[i]) : h + step;
    if (!finite(next)) { outcome = "diverged"; break; }
    if (bound === null) bound = 1e10 * Math.max(1.0, size(path[0]), size(step));
    path.push(next);
    h = next;
    if (size(h) > bound) { outcome = "diverged"; break; }
    if (size(step) < tol) { outcome = "converged"; break; }
  }
  if (outcome === null) outcome = classifyAtCap(path, vector);
  return { path, h, steps: path.length - 1, outcome };
}

function classifyAtCap(path, vector) {
  // erm_helpers._classify_at_cap: the last few steps (up to five), when each flips.
  const diff = (a, b) => (vector ? a.map((v, i) => v - b[i]) : [a - b]);
  const steps = [];
  for (let i = Math.max(1, path.length - 5); i < path.length; i++) {
    steps.push(diff(path[i], path[i - 1]));
  }
  const sizes = steps.map((v) => Math.hypot(...v));
  const dot = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);
  const flips = steps.length >= 2 && steps.slice(1).every((s, i) => dot(s, steps[i]) < 0);
  if (flips) {
    const ratios = sizes.slice(1).map((s, i) => s / sizes[i]);
    if (ratios.every((r) => r > 1 + 1e-6)) return "diverged";
    if (ratios.every((r) => r >= 1 - 1e-6)) return "oscillating";
    if (ratios.some((r) => r > 1 + 1e-6)) return "oscillating";
  }
  return "max_iter";
}

/** The UCSD risk's slope at h, as erm_fast.ucsd_derivative_at computes it. */
export function ucsdSlope(h, y, sigma) {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const z = (h - y[i]) / sigma;
    sum += z * Math.exp(-z * z);
  }
  return 2.0 / (y.length * sigma) * sum;
}

/** The UCSD risk at h: the mean of 1 - exp(-z^2). */
export function ucsdRisk(h, y, sigma) {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const z = (h - y[i]) / sigma;
    sum += -Math.expm1(-z * z);
  }
  return sum / y.length;
}

// --------------------------------------------------------------------------------------
// Numbers as the course writes them
// --------------------------------------------------------------------------------------

/** ``x >= 0`` with ``decimals`` digits after the point, rounded as Python's format rounds:
 *  to the nearest, and an exact tie to the even neighbour (JavaScript's toFixed rounds a tie
 *  up). A tie needs the exact expansion of the float: toFixed gives it to 60 more digits. */
function fixed(x, decimals) {
  const exact = x.toFixed(Math.min(100, decimals + 60));
  const [whole, fraction] = exact.split(".");
  const tail = fraction.slice(decimals);
  if (tail[0] === "5" && /^50*$/.test(tail)) {
    const last = decimals > 0 ? fraction[decimals - 1] : whole[whole.length - 1];
    if (Number(last) % 2 === 0) return decimals > 0 ? `${whole}.${fraction.slice(0, decimals)}` : whole;
  }
  return x.toFixed(decimals);
}

/** erm_course.formatting.money: $112,000. */
export function money(x, decimals = 0) {
  const digits = fixed(Math.abs(x), decimals);
  const sign = x < 0 && Number(digits) !== 0 ? "-" : "";
  const [whole, fraction] = digits.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}$${grouped}${fraction === undefined ? "" : "." + fraction}`;
}

/** Python's f"{x:.{digits}g}": ``digits`` significant digits, trailing zeros dropped. */
export function general(x, digits = 6) {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
  const exponent = Number(x.toExponential(digits - 1).split("e")[1]);
  if (exponent < -4 || exponent >= digits) {
    const [m, e] = x.toExponential(digits - 1).split("e");
    const mantissa = m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m;
    const sign = e[0] === "-" ? "-" : "+";
    return `${mantissa}e${sign}${e.replace(/^[+-]/, "").padStart(2, "0")}`;
  }
  const fixed = x.toFixed(Math.max(0, digits - 1 - exponent));
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

export const g3 = (x) => general(x, 3);

export function moneyOrScientific(x) {
  return Math.abs(x) < 1e9 ? money(x) : g3(x);
}

/** The value of a slider's current stop: scene.arrays[`${name}_stops`][state[name]]. */
function stopValue(scene, state, name) {
  const array = scene.arrays[`${name}_stops`];
  const values = array._cache || (array._cache = asArray(array.data, Float64Array));
  return values[state[name]];
}

function cachedArray(scene, name) {
  const array = scene.arrays[name];
  return array._cache || (array._cache = asArray(array.data, Float64Array));
}

/** Gradient descent on the squared or the UCSD risk of the data, as the alpha explorer of
 *  notebook 05 runs it (erm_course.explorers.DescentExplorer: the same readout). */
function descent1d(scene, state) {
  const p = scene.program;
  const squared = state.risk === "squared";
  const units = stopValue(scene, state, squared ? "alpha_squared" : "alpha_ucsd");
  const sigma = stopValue(scene, state, "sigma");
  const h0 = stopValue(scene, state, "h0");
  const y = cachedArray(scene, "y");
  const alpha = squared ? units : units * sigma ** 2;
  const gradient = squared ? (h) => 2.0 * (h - p.mean) : (h) => ucsdSlope(h, y, sigma);
  const risk = squared ? (h) => (h - p.mean) ** 2 + p.variance : (h) => ucsdRisk(h, y, sigma);
  const run = gradientDescent(gradient, h0, alpha, 1e-6, p.max_iter);
  const risks = run.path.map(risk);
  let name, rate, note = "";
  if (squared) {
    name = "squared risk";
    rate = `α = ${g3(units)}`;
  } else {
    name = `UCSD risk, σ = ${money(sigma)}`;
    rate = `α = ${g3(units)} σ²`;
    if (risks[risks.length - 1] >= 1 - 1e-6) {
      note = " on a flat stretch (R ≈ 1)";
    } else if (run.outcome === "converged") {
      const best = cachedArray(scene, "best")[state.sigma];
      if (Math.abs(run.h - best) > sigma / 16) {
        note = ` to a local minimum; the global one is at ${money(best)}`;
      }
    }
  }
  return {
    path_h: run.path, path_r: risks, start_h: run.path.slice(0, 1), start_r: risks.slice(0, 1),
    readout: `${name} · ${rate} · h₀ = ${money(h0)} · ${run.steps} steps · final h = ` +
             `${moneyOrScientific(run.h)} · ${OUTCOMES[run.outcome]}${note}`,
  };
}

// --------------------------------------------------------------------------------------
// Programs of notebook 08: the line w0 + w1 x, and descent on a line's risk
// (erm_course/line_explorers.py: LineExplorer and LineDescentExplorer)
// --------------------------------------------------------------------------------------

/** Python's f"{x:.{digits}e}": the exact value rounded to nearest, a tie to even (which
 *  toExponential rounds up), and an exponent of two digits at least. */
export function exponential(x, digits) {
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
  const a = Math.abs(x);
  let [mantissa, exponent] = a.toExponential(digits).split("e");
  if (a !== 0) {
    // every digit of the double: BigInt from 1e21 up (integers), toFixed below that
    const exact = a >= 1e21 ? BigInt(a).toString() : a.toFixed(100);
    const significant = exact.replace(".", "").replace(/^0+/, "");
    const kept = significant.slice(0, digits + 1);
    if (/^50*$/.test(significant.slice(digits + 1)) && Number(kept[digits]) % 2 === 0) {
      mantissa = digits > 0 ? `${kept[0]}.${kept.slice(1)}` : kept;   // down, to the even
    }
  }
  const sign = exponent[0] === "-" ? "-" : "+";
  const power = exponent.replace(/^[+-]/, "").padStart(2, "0");
  return `${x < 0 || Object.is(x, -0) ? "-" : ""}${mantissa}e${sign}${power}`;
}

/** Python's f"{n:,}" for a whole number. */
export function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The line explorer of notebook 08 (LineExplorer): the line w0 + w1 x over the grid's
 *  two ends, each point's residual as a segment, the point (w0, w1), and the readout of
 *  erm_course.figures.a_line.line_readout, the risk from erm_fast.LineMoments. */
function line(scene, state) {
  const w0 = stopValue(scene, state, "w0");
  const w1 = stopValue(scene, state, "w1");
  const x = cachedArray(scene, "x"), y = cachedArray(scene, "y");
  const grid = cachedArray(scene, "grid");
  const [xbar, ybar, sxx, sxy, syy] = cachedArray(scene, "moments");
  const rx = new Float64Array(2 * x.length), ry = new Float64Array(2 * x.length);
  for (let i = 0; i < x.length; i++) {
    rx[2 * i] = rx[2 * i + 1] = x[i];
    ry[2 * i] = y[i];
    ry[2 * i + 1] = w0 + w1 * x[i];
  }
  const miss = (ybar - w0) - w1 * xbar;                    // LineMoments.miss_at_the_means
  const risk = syy - 2.0 * w1 * sxy + w1 * w1 * sxx + miss * miss;
  return {
    line_x: grid, line_y: [w0 + w1 * grid[0], w0 + w1 * grid[1]],
    residual_x: rx, residual_y: ry, w0: [w0], w1: [w1],
    readout: `w₀ = ${money(w0)} · w₁ = ${money(w1)} per year · ` +
             `MSE = ${exponential(risk, 4)} dollars² · ` +
             `${fixed(risk / syy, 3)} × the constant model's ${exponential(syy, 4)}`,
  };
}

/** A problem of the descent explorer, from the array Python sent (LineDescentExplorer._view). */
function lineProblem(values) {
  const v = Array.from(values);
  return { best: v.slice(0, 2), lambda: v.slice(2, 4), vectors: v.slice(4, 8),
           c0: v.slice(8, 10), limit: v[10], shift: v[11], scale: v[12],
           hessian: v.slice(13, 17) };
}

const norm2 = (v) => Math.sqrt(v[0] * v[0] + v[1] * v[1]);   // line_explorers._norm

/** erm_course.line_explorers.LineDescent.run, operation for operation: the run's steps,
 *  outcome, last iterate ``h`` and a function ``iterate(k)`` (the start for k = 0). */
export function lineDescent(problem, start, alpha, tol, maxIter) {
  const { best, lambda, vectors: V, c0 } = problem;
  const mu = [1.0 - alpha * lambda[0], 1.0 - alpha * lambda[1]];
  const step = (k) => [-alpha * lambda[0] * c0[0] * Math.pow(mu[0], k - 1),
                       -alpha * lambda[1] * c0[1] * Math.pow(mu[1], k - 1)];
  const iterate = (k) => {
    if (k === 0) return [start[0], start[1]];
    const c = [c0[0] * Math.pow(mu[0], k), c0[1] * Math.pow(mu[1], k)];
    return [best[0] + (c[0] * V[0] + c[1] * V[1]), best[1] + (c[0] * V[2] + c[1] * V[3])];
  };
  const length = (k) => norm2(step(k));
  const bound = 1e10 * Math.max(1.0, norm2(start), length(1));
  const safe = Math.abs(mu[0]) <= 1.0 + 1e-12 && Math.abs(mu[1]) <= 1.0 + 1e-12 &&
               norm2(best) + norm2(c0) <= bound;
  let steps, outcome;
  if (!safe) {
    [steps, outcome] = scanDescent(step, iterate, tol, maxIter, bound);
  } else if (length(maxIter) >= tol) {          // LineDescent._first_short_step: none
    [steps, outcome] = [maxIter, atTheCap([step(maxIter - 1), step(maxIter)])];
  } else {
    let low = 0, high = maxIter;                // step `high` is short, step `low` not
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (length(middle) < tol) high = middle; else low = middle;
    }
    [steps, outcome] = [high, "converged"];
  }
  return { steps, outcome, h: iterate(steps), iterate };
}

/** LineDescent._scan: every iterate until one stops the run (steps that may grow). */
function scanDescent(step, iterate, tol, maxIter, bound) {
  const tail = [];
  for (let k = 1; k <= maxIter; k++) {
    const s = step(k), w = iterate(k);
    if (!Number.isFinite(w[0]) || !Number.isFinite(w[1])) return [k - 1, "diverged"];
    if (norm2(w) > bound) return [k, "diverged"];
    if (norm2(s) < tol) return [k, "converged"];
    tail.push(s);
    if (tail.length > 2) tail.shift();
  }
  return [maxIter, atTheCap(tail)];
}

/** line_explorers._at_the_cap: flips that grow diverge, flips of one size oscillate. */
function atTheCap(tail) {
  if (tail.length === 2) {
    const [before, last] = tail;
    if (last[0] * before[0] + last[1] * before[1] < 0) {
      const ratio = norm2(last) / norm2(before);
      if (ratio > 1 + 1e-6) return "diverged";
      if (ratio >= 1 - 1e-6) return "oscillating";
    }
  }
  return "max_iter";
}

/** erm_course.figures.a_line.sample_steps: every step up to ``first``, then ``later``
 *  more spread evenly on a log scale (numpy.geomspace, truncated), and the last. */
export function sampleSteps(steps, first = 400, later = 600) {
  if (steps <= first + later) return Array.from({ length: steps + 1 }, (_, k) => k);
  const low = Math.log10(first), high = Math.log10(steps);
  const delta = (high - low) / (later - 1);
  const ks = new Set(Array.from({ length: first }, (_, k) => k));
  for (let i = 0; i < later; i++) {
    const value = i === 0 ? first : i === later - 1 ? steps : Math.pow(10, i * delta + low);
    ks.add(Math.trunc(value));
  }
  ks.add(steps);
  return Array.from(ks).sort((a, b) => a - b);
}

/** Python's money for a weight, or scientific notation once it is astronomical
 *  (line_explorers._dollars). */
function dollars(value, decimals = 0) {
  return Math.abs(value) < 1e9 ? money(value, decimals) : moneyOrScientific(value);
}

/** The descent explorer of notebook 08 (LineDescentExplorer): a run of descent for the
 *  scaling and alpha chosen, its sampled path (cut where it leaves the view far behind),
 *  the excess risk ½ eᵀHe per step, and the readout as Python writes it. */
function descent2d(scene, state) {
  const p = scene.program;
  const alpha = stopValue(scene, state, "alpha");
  const problem = lineProblem(cachedArray(scene, `problem_${state.scaling}`));
  const start = cachedArray(scene, "start");
  const run = lineDescent(problem, start, alpha, p.tol, p.max_iter);
  const ks = sampleSteps(run.steps);
  const view = scene.views[state.scaling].axes[0];
  const [x0, x1] = view.x, [y0, y1] = view.y;
  const far = (w) => Math.abs(w[0] - (x0 + x1) / 2) > 2 * (x1 - x0) ||
                     Math.abs(w[1] - (y0 + y1) / 2) > 2 * (y1 - y0);
  const pathW0 = [], pathW1 = [], excessK = [], excess = [];
  const [b0, b1] = problem.best, H = problem.hessian;
  let inside = true;
  for (const k of ks) {
    const w = k === run.steps ? run.h : run.iterate(k);
    if (inside) { pathW0.push(w[0]); pathW1.push(w[1]); inside = !far(w); }
    const e0 = w[0] - b0, e1 = w[1] - b1;
    const value = Math.max(0.5 * (e0 * (H[0] * e0 + H[1] * e1) + e1 * (H[2] * e0 + H[3] * e1)),
                           p.floor);
    if (Number.isFinite(value)) { excessK.push(Math.max(k, p.start_at)); excess.push(value); }
  }
  const w1 = run.h[1] / problem.scale;
  const w0 = run.h[0] - run.h[1] * problem.shift / problem.scale;
  return {
    path_w0: pathW0, path_w1: pathW1, excess_k: excessK, excess,
    readout: `${p.labels[state.scaling]} · α = ${general(alpha, 5)} (limit 2/λmax = ` +
             `${general(problem.limit, 5)}) · ${grouped(run.steps)} steps · ` +
             `${OUTCOMES[run.outcome]} · w₀ = ${dollars(w0)} · ` +
             `w₁ = ${dollars(w1, 2)} per year`,
  };
}

export const PROGRAMS = { descent1d, line, descent2d };

// --------------------------------------------------------------------------------------
// The figure: a background image and a canvas over it
// --------------------------------------------------------------------------------------

/** The view shown for ``state``: its background and its axes. */
export function currentView(scene, state) {
  return scene.views[scene.view_by ? state[scene.view_by] : ""];
}

function toPixels(axes, which, values) {
  const [low, high, scale] = axes[which];
  const [x0, y0, width, height] = axes.box;
  const f = scale === "log" ? Math.log10 : (v) => v;
  const a = f(low), b = f(high);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const t = (f(values[i]) - a) / (b - a);
    out[i] = which === "x" ? x0 + t * width : y0 + (1 - t) * height;
  }
  return out;
}

function drawMarker(ctx, shape, x, y, size) {
  const r = size / 2;
  ctx.beginPath();
  if (shape === "o") {
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  } else if (shape === "s") {
    ctx.rect(x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r);
  } else if (shape === "D") {
    ctx.moveTo(x, y - r); ctx.lineTo(x + r * 0.8, y); ctx.lineTo(x, y + r);
    ctx.lineTo(x - r * 0.8, y); ctx.closePath();
  } else if (shape === "^" || shape === "v") {
    const s = shape === "^" ? 1 : -1;
    ctx.moveTo(x, y - s * r); ctx.lineTo(x + r, y + s * r); ctx.lineTo(x - r, y + s * r);
    ctx.closePath();
  } else if (shape === "*") {
    for (let k = 0; k < 10; k++) {
      const angle = -Math.PI / 2 + (k * Math.PI) / 5;
      const radius = k % 2 === 0 ? r : r * 0.4;
      const px = x + radius * Math.cos(angle), py = y + radius * Math.sin(angle);
      if (k === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    }
    ctx.closePath();
  } else if (shape === "|") {
    ctx.moveTo(x, y - r); ctx.lineTo(x, y + r);
  }
}

/** Draw ``marks`` with the values ``resolve(name)`` gives, onto ``ctx`` (CSS pixels), on
 *  the axes of ``view``. */
export function drawMarks(ctx, view, marks, resolve) {
  for (const mark of marks) {
    const axes = view.axes[mark.axes || 0];
    const [x0, y0, width, height] = axes.box;
    const xs = resolve(mark.x), ys = resolve(mark.y);
    if (!xs || !ys || xs.length === 0) continue;
    const px = toPixels(axes, "x", xs), py = toPixels(axes, "y", ys);
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, y0, width, height);
    ctx.clip();
    ctx.strokeStyle = mark.color || "#000000";
    ctx.lineWidth = mark.width || 1.5;
    ctx.setLineDash(mark.dash || []);
    ctx.lineJoin = "round";
    ctx.lineCap = "butt";
    if (mark.kind === "line") {
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < px.length; i++) {
        if (!Number.isFinite(px[i]) || !Number.isFinite(py[i])) { pen = false; continue; }
        if (pen) ctx.lineTo(px[i], py[i]); else ctx.moveTo(px[i], py[i]);
        pen = true;
      }
      ctx.stroke();
    } else if (mark.kind === "segments") {   // pairs: (x[2k], y[2k]) to (x[2k+1], y[2k+1])
      ctx.beginPath();
      for (let i = 0; i + 1 < px.length; i += 2) {
        ctx.moveTo(px[i], py[i]);
        ctx.lineTo(px[i + 1], py[i + 1]);
      }
      ctx.stroke();
    } else if (mark.kind === "vline") {
      ctx.beginPath();
      for (let i = 0; i < px.length; i++) { ctx.moveTo(px[i], y0); ctx.lineTo(px[i], y0 + height); }
      ctx.stroke();
    }
    if (mark.marker) {
      ctx.setLineDash([]);
      ctx.lineWidth = mark.edgewidth || 1;
      for (let i = 0; i < px.length; i++) {
        if (!Number.isFinite(px[i]) || !Number.isFinite(py[i])) continue;
        drawMarker(ctx, mark.marker, px[i], py[i], mark.size || 6);
        if (mark.face !== "none" && mark.marker !== "|") {
          ctx.fillStyle = mark.face || mark.color || "#000000";
          ctx.fill();
        }
        if (mark.edge || mark.face === "none" || mark.marker === "|") {
          ctx.strokeStyle = mark.edge || mark.color || "#000000";
          ctx.stroke();
        }
      }
    }
    ctx.restore();
  }
}

// --------------------------------------------------------------------------------------
// The explorer: controls, readout, key, figure
// --------------------------------------------------------------------------------------

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function visible(when, state) {
  return !when || Object.entries(when).every(([name, value]) => state[name] === value);
}

/** Build the explorer of ``model`` inside ``el``; returns a function that takes it down. */
export function render({ model, el }) {
  const scene = model.get("scene");
  let state = { ...model.get("state") };
  const root = element("div", "erm-explorer");
  root.style.setProperty("--erm-width", `${scene.width}px`);
  el.appendChild(root);

  // Keys belong to the slider that has the focus: JupyterLab's and Notebook 7's own
  // shortcuts (move between cells, collapse headings) must not see them. Notebook 7 listens
  // on the document in the capture phase, before the event reaches the slider, so the
  // guard sits on the window, in the capture phase, and stops the event there; the range
  // input still moves (its move is the key's default action, which nothing prevents).
  const guard = (event) => {
    if (KEYS.has(event.key) && event.target instanceof HTMLInputElement
        && root.contains(event.target)) event.stopPropagation();
  };
  window.addEventListener("keydown", guard, true);
  window.addEventListener("keyup", guard, true);

  const controls = element("div", "erm-controls");
  const inputs = {};
  const rows = [];
  for (const control of scene.controls) {
    const row = element("div", `erm-row erm-${control.kind}`);
    row.dataset.name = control.name || control.target;
    rows.push([row, control]);
    if (control.kind === "slider") {
      row.appendChild(element("label", "erm-label", control.label));
      const input = element("input", "erm-range");
      input.type = "range";
      input.min = 0;
      input.max = control.labels.length - 1;
      input.step = 1;
      input.value = state[control.name];
      input.setAttribute("aria-label", control.label);
      const shown = element("span", "erm-value", control.labels[state[control.name]]);
      input.addEventListener("input", () => set(control.name, Number(input.value)));
      row.append(input, shown);
      inputs[control.name] = { input, shown, control };
    } else if (control.kind === "toggle") {
      row.appendChild(element("label", "erm-label", control.label));
      const group = element("div", "erm-toggle");
      for (const [text, value] of control.options) {
        const button = element("button", "erm-button", text);
        button.type = "button";
        button.dataset.value = value;
        button.addEventListener("click", () => set(control.name, value));
        group.appendChild(button);
      }
      row.appendChild(group);
      inputs[control.name] = { group, control };
    } else if (control.kind === "presets") {
      for (const [text, index] of control.buttons) {
        const button = element("button", "erm-button erm-preset", text);
        button.type = "button";
        button.addEventListener("click", () => set(control.target, index));
        row.appendChild(button);
      }
    }
    controls.appendChild(row);
  }
  const readout = element("div", "erm-readout");
  const key = element("div", "erm-key");
  for (const [symbol, text, color] of scene.key || []) {
    const span = element("span", "erm-key-entry", `${symbol} ${text}`);
    span.style.color = color;
    key.appendChild(span);
  }
  const figure = element("div", "erm-figure");
  figure.style.width = `${scene.width}px`;
  figure.style.height = `${scene.height}px`;
  const background = element("img", "erm-background");
  background.alt = scene.alt || "";
  background.width = scene.width;
  background.height = scene.height;
  const urls = {};
  for (const [name, view] of Object.entries(scene.views)) {
    urls[name] = URL.createObjectURL(new Blob([asArray(view.background, Uint8Array)],
                                              { type: "image/png" }));
  }
  const canvas = element("canvas", "erm-canvas");
  figure.append(background, canvas);
  root.append(controls, readout, key, figure);
  const ctx = canvas.getContext("2d");

  // The canvas has as many pixels as the screen shows: redrawn whole at every change of
  // the pixel ratio (browser zoom, a move to another screen), so nothing stale remains.
  let ratio = 0;
  function fitCanvas() {
    const wanted = window.devicePixelRatio || 1;
    if (wanted === ratio) return;
    ratio = wanted;
    canvas.width = Math.round(scene.width * ratio);
    canvas.height = Math.round(scene.height * ratio);
    canvas.style.width = `${scene.width}px`;
    canvas.style.height = `${scene.height}px`;
  }

  function resolver(computed) {
    return (source) => {
      if (source === undefined || source === null) return null;
      if (typeof source === "number") return [source];
      if (Array.isArray(source)) return source;
      if (source.computed) return computed[source.computed];
      if (source.family) {
        const family = scene.families[source.family];
        return familyRow(family, state[family.by]);
      }
      if (source.array) {
        const array = scene.arrays[source.array];
        return array._cache || (array._cache = asArray(array.data, Float64Array));
      }
      if (source.stop) {   // the value of a slider's current stop
        const values = scene.arrays[source.stop];
        const all = values._cache || (values._cache = asArray(values.data, Float64Array));
        return [all[state[source.stop.replace(/_stops$/, "")]]];
      }
      return null;
    };
  }

  function draw() {
    fitCanvas();
    const program = scene.program ? PROGRAMS[scene.program.kind] : null;
    const computed = program ? program(scene, state) : {};
    const viewName = scene.view_by ? state[scene.view_by] : "";
    if (background.dataset.view !== viewName) {
      background.dataset.view = viewName;
      background.src = urls[viewName];
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, scene.width, scene.height);
    const marks = scene.marks.filter((mark) => visible(mark.when, state));
    drawMarks(ctx, scene.views[viewName], marks, resolver(computed));
    if (computed.readout !== undefined) {
      if (readout.textContent !== computed.readout) readout.textContent = computed.readout;
    } else if (scene.readouts) {
      const text = scene.readouts.texts[state[scene.readouts.by]];
      if (readout.textContent !== text) readout.textContent = text;
    }
    for (const [row, control] of rows) {
      row.hidden = !visible(control.when, state);
    }
    for (const [name, entry] of Object.entries(inputs)) {
      if (entry.input) {
        if (Number(entry.input.value) !== state[name]) entry.input.value = state[name];
        const label = entry.control.labels[state[name]];
        if (entry.shown.textContent !== label) entry.shown.textContent = label;
        entry.input.disabled = !visible(entry.control.enabled, state);
      } else if (entry.group) {
        for (const button of entry.group.children) {
          button.classList.toggle("erm-selected", button.dataset.value === String(state[name]));
        }
      }
    }
    root.dataset.frames = String(Number(root.dataset.frames || 0) + 1);
  }

  // Values reach Python after the frame, at most every 60 ms, never holding a frame back.
  let pending = null;
  function sendLater() {
    if (pending !== null) return;
    pending = setTimeout(() => {
      pending = null;
      model.set("state", { ...state });
      model.save_changes();
    }, 60);
  }

  function set(name, value) {
    if (state[name] === value) return;
    state = { ...state, [name]: value };
    draw();
    sendLater();
  }

  // A state from Python (a value set in the kernel). The page's own state also comes back
  // here when it was sent: nothing new then, so no redraw.
  const fromPython = () => {
    const next = model.get("state");
    if (Object.keys(next).every((k) => next[k] === state[k])
        && Object.keys(state).every((k) => k in next)) return;
    state = { ...next };
    draw();
  };
  model.on("change:state", fromPython);
  // A new pixel ratio (browser zoom, a move to another screen) redraws at once: the canvas'
  // size in device pixels changes, which a ResizeObserver reports (a resize event of the
  // window does not always come with it).
  const observer = new ResizeObserver(() => {
    if ((window.devicePixelRatio || 1) !== ratio) draw();
  });
  try {
    observer.observe(canvas, { box: "device-pixel-content-box" });
  } catch (error) {            // browsers without that box: the CSS box, and window resizes
    observer.observe(canvas);
  }
  const onResize = () => draw();
  window.addEventListener("resize", onResize);
  draw();
  return () => {
    model.off("change:state", fromPython);
    window.removeEventListener("resize", onResize);
    window.removeEventListener("keydown", guard, true);
    window.removeEventListener("keyup", guard, true);
    observer.disconnect();
    if (pending !== null) clearTimeout(pending);
    Object.values(urls).forEach((u) => URL.revokeObjectURL(u));
  };
}

export default { render };
