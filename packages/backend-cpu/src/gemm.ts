// C += A·Bᵀ for row-major float32 matrices sharing their inner dimension (A: rows×depth,
// B: cols×depth), with 4×2 register tiles and float64 accumulators. Plain JS (no SIMD): the cpu
// backend stays dependency-free; wasm and native backends bring their own GEMMs.

/** Adds A·Bᵀ to C (rows×cols). A is rows×depth, B is cols×depth, all row-major. */
export function gemmNTAccumulate(a: Float32Array, b: Float32Array, c: Float32Array, rows: number, cols: number, depth: number): void {
  let i = 0;
  for (; i + 4 <= rows; i += 4) gemmRows4(a, b, c, i, cols, depth);
  for (; i < rows; i++) {
    for (let j = 0; j < cols; j++) c[i * cols + j] += dot(a, i * depth, b, j * depth, depth);
  }
}

/** Rows i..i+3 of C: two columns of B at a time, so each loaded value is used 2 or 4 times. */
function gemmRows4(a: Float32Array, b: Float32Array, c: Float32Array, i: number, cols: number, depth: number): void {
  const a0 = i * depth, a1 = a0 + depth, a2 = a1 + depth, a3 = a2 + depth;
  let j = 0;
  for (; j + 2 <= cols; j += 2) {
    const b0 = j * depth, b1 = b0 + depth;
    let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
    for (let m = 0; m < depth; m++) {
      const x0 = b[b0 + m], x1 = b[b1 + m];
      const y0 = a[a0 + m], y1 = a[a1 + m], y2 = a[a2 + m], y3 = a[a3 + m];
      s00 += y0 * x0; s01 += y0 * x1; s10 += y1 * x0; s11 += y1 * x1;
      s20 += y2 * x0; s21 += y2 * x1; s30 += y3 * x0; s31 += y3 * x1;
    }
    const o = i * cols + j;
    c[o] += s00; c[o + 1] += s01;
    c[o + cols] += s10; c[o + cols + 1] += s11;
    c[o + 2 * cols] += s20; c[o + 2 * cols + 1] += s21;
    c[o + 3 * cols] += s30; c[o + 3 * cols + 1] += s31;
  }
  for (; j < cols; j++) {
    for (let r = 0; r < 4; r++) c[(i + r) * cols + j] += dot(a, (i + r) * depth, b, j * depth, depth);
  }
}

function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, n: number): number {
  let s = 0;
  for (let m = 0; m < n; m++) s += a[ao + m] * b[bo + m];
  return s;
}

/** The transpose of a row-major rows×cols matrix. */
export function transposeMatrix(a: Float32Array, rows: number, cols: number, offset = 0): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const ro = offset + r * cols;
    for (let col = 0; col < cols; col++) t[col * rows + r] = a[ro + col];
  }
  return t;
}
