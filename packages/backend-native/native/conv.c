/* NHWC convolutions (dilation 1) as GEMMs over an im2col patch matrix (Chellapilla et al. 2006):
 *   Conv2D:               y  = P·W            (P: rows (b, oh, ow), columns (kh, kw, ci); W: K × outC)
 *   Conv2DBackpropInput:  dx = col2im(dy·Wᵀ)
 *   Conv2DBackpropFilter: dW = Pᵀ·dy
 * The patch matrix lives in the shared scratch buffer, one chunk of samples at a time (at most
 * MAX_PATCH_FLOATS floats), so no call allocates once the buffer has grown to its working size.
 * The geometry is an Int32Array of the 13 numbers of @gantry/core's ConvGeometry, in GEOMETRY order. */
#include "conv.h"

#include <cblas.h>
#include <stdint.h>
#include <string.h>

#include "args.h"

#define MAX_PATCH_FLOATS ((int64_t)1 << 24)

enum { BATCH, IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, F_H, F_W, S_H, S_W, PAD_T, PAD_L, GEOMETRY };

typedef struct {
  int64_t batch, inH, inW, inC, outH, outW, outC, fH, fW, sH, sW, padT, padL;
  int64_t k;        /* fH·fW·inC: columns of P */
  int64_t perSample; /* outH·outW: rows of P per sample */
  int64_t chunk;     /* samples per GEMM */
} Geometry;

static int geometry(napi_env env, napi_value v, Geometry *g) {
  int *s;
  size_t n;
  if (!gantry_i32s(env, v, "geometry", &s, &n)) return 0;
  if (n != GEOMETRY) return gantry_range_error(env, "geometry must hold 13 numbers");
  for (size_t i = 0; i < n; i++) {
    if (s[i] < 0 || ((i == S_H || i == S_W) && s[i] < 1)) return gantry_range_error(env, "geometry: negative size or stride < 1");
  }
  *g = (Geometry){s[BATCH], s[IN_H], s[IN_W], s[IN_C], s[OUT_H], s[OUT_W], s[OUT_C], s[F_H], s[F_W], s[S_H], s[S_W], s[PAD_T], s[PAD_L], 0, 0, 0};
  g->k = g->fH * g->fW * g->inC;
  g->perSample = g->outH * g->outW;
  int64_t perChunk = g->k * g->perSample;
  g->chunk = perChunk > 0 ? MAX_PATCH_FLOATS / perChunk : g->batch;
  if (g->chunk < 1) g->chunk = 1;
  return 1;
}

static int sized(napi_env env, size_t have, int64_t want, const char *message) {
  return (int64_t)have >= want ? 1 : gantry_range_error(env, message);
}

/* Rows of P for samples [b0, b1): row (b, oh, ow) holds the input patch under that output position. */
static void im2col(const float *x, const Geometry *g, int64_t b0, int64_t b1, float *p) {
  const int64_t C = g->inC;
  for (int64_t b = b0; b < b1; b++) {
    for (int64_t oh = 0; oh < g->outH; oh++) {
      for (int64_t ow = 0; ow < g->outW; ow++) {
        float *row = p + (((b - b0) * g->outH + oh) * g->outW + ow) * g->k;
        for (int64_t kh = 0; kh < g->fH; kh++) {
          const int64_t ih = oh * g->sH + kh - g->padT;
          for (int64_t kw = 0; kw < g->fW; kw++) {
            const int64_t iw = ow * g->sW + kw - g->padL;
            float *dst = row + (kh * g->fW + kw) * C;
            if (ih < 0 || ih >= g->inH || iw < 0 || iw >= g->inW) memset(dst, 0, (size_t)C * sizeof(float));
            else memcpy(dst, x + ((b * g->inH + ih) * g->inW + iw) * C, (size_t)C * sizeof(float));
          }
        }
      }
    }
  }
}

/* Adds each row of P (samples [b0, b1)) back onto the input positions it was read from. */
static void col2im(const float *p, const Geometry *g, int64_t b0, int64_t b1, float *dx) {
  const int64_t C = g->inC;
  for (int64_t b = b0; b < b1; b++) {
    for (int64_t oh = 0; oh < g->outH; oh++) {
      for (int64_t ow = 0; ow < g->outW; ow++) {
        const float *row = p + (((b - b0) * g->outH + oh) * g->outW + ow) * g->k;
        for (int64_t kh = 0; kh < g->fH; kh++) {
          const int64_t ih = oh * g->sH + kh - g->padT;
          if (ih < 0 || ih >= g->inH) continue;
          for (int64_t kw = 0; kw < g->fW; kw++) {
            const int64_t iw = ow * g->sW + kw - g->padL;
            if (iw < 0 || iw >= g->inW) continue;
            const float *src = row + (kh * g->fW + kw) * C;
            float *dst = dx + ((b * g->inH + ih) * g->inW + iw) * C;
            for (int64_t c = 0; c < C; c++) dst[c] += src[c];
          }
        }
      }
    }
  }
}

/* conv2d(x, filter, y, geometry) */
napi_value gantry_conv2d(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *x, *w, *y;
  size_t nx, nw, ny;
  Geometry g;
  if (!gantry_args(env, info, 4, argv) || !gantry_f32(env, argv[0], "x", &x, &nx) || !gantry_f32(env, argv[1], "filter", &w, &nw) ||
      !gantry_f32(env, argv[2], "y", &y, &ny) || !geometry(env, argv[3], &g) ||
      !sized(env, nx, g.batch * g.inH * g.inW * g.inC, "conv2d: x is shorter than the geometry") ||
      !sized(env, nw, g.k * g.outC, "conv2d: filter is shorter than the geometry") ||
      !sized(env, ny, g.batch * g.perSample * g.outC, "conv2d: y is shorter than the geometry")) {
    return NULL;
  }
  if (g.k == 0) {
    memset(y, 0, (size_t)(g.batch * g.perSample * g.outC) * sizeof(float));
    return NULL;
  }
  for (int64_t b0 = 0; b0 < g.batch; b0 += g.chunk) {
    const int64_t b1 = b0 + g.chunk < g.batch ? b0 + g.chunk : g.batch;
    const int64_t rows = (b1 - b0) * g.perSample;
    if (rows == 0) continue;
    float *p = gantry_scratch(env, (size_t)(rows * g.k));
    if (p == NULL) return NULL;
    im2col(x, &g, b0, b1, p);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)rows, (int)g.outC, (int)g.k, 1.0f, p, (int)g.k, w, (int)g.outC, 0.0f,
                y + b0 * g.perSample * g.outC, (int)g.outC);
  }
  return NULL;
}

/* conv2dBackpropInput(dy, filter, dx, geometry) */
napi_value gantry_conv2d_backprop_input(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *dy, *w, *dx;
  size_t ndy, nw, ndx;
  Geometry g;
  if (!gantry_args(env, info, 4, argv) || !gantry_f32(env, argv[0], "dy", &dy, &ndy) || !gantry_f32(env, argv[1], "filter", &w, &nw) ||
      !gantry_f32(env, argv[2], "dx", &dx, &ndx) || !geometry(env, argv[3], &g) ||
      !sized(env, ndy, g.batch * g.perSample * g.outC, "conv2dBackpropInput: dy is shorter than the geometry") ||
      !sized(env, nw, g.k * g.outC, "conv2dBackpropInput: filter is shorter than the geometry") ||
      !sized(env, ndx, g.batch * g.inH * g.inW * g.inC, "conv2dBackpropInput: dx is shorter than the geometry")) {
    return NULL;
  }
  memset(dx, 0, (size_t)(g.batch * g.inH * g.inW * g.inC) * sizeof(float));
  if (g.k == 0 || g.outC == 0) return NULL;
  for (int64_t b0 = 0; b0 < g.batch; b0 += g.chunk) {
    const int64_t b1 = b0 + g.chunk < g.batch ? b0 + g.chunk : g.batch;
    const int64_t rows = (b1 - b0) * g.perSample;
    if (rows == 0) continue;
    float *p = gantry_scratch(env, (size_t)(rows * g.k));
    if (p == NULL) return NULL;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, (int)g.k, (int)g.outC, 1.0f, dy + b0 * g.perSample * g.outC,
                (int)g.outC, w, (int)g.outC, 0.0f, p, (int)g.k);
    col2im(p, &g, b0, b1, dx);
  }
  return NULL;
}

/* conv2dBackpropFilter(x, dy, dw, geometry) */
napi_value gantry_conv2d_backprop_filter(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *x, *dy, *dw;
  size_t nx, ndy, ndw;
  Geometry g;
  if (!gantry_args(env, info, 4, argv) || !gantry_f32(env, argv[0], "x", &x, &nx) || !gantry_f32(env, argv[1], "dy", &dy, &ndy) ||
      !gantry_f32(env, argv[2], "dw", &dw, &ndw) || !geometry(env, argv[3], &g) ||
      !sized(env, nx, g.batch * g.inH * g.inW * g.inC, "conv2dBackpropFilter: x is shorter than the geometry") ||
      !sized(env, ndy, g.batch * g.perSample * g.outC, "conv2dBackpropFilter: dy is shorter than the geometry") ||
      !sized(env, ndw, g.k * g.outC, "conv2dBackpropFilter: dw is shorter than the geometry")) {
    return NULL;
  }
  memset(dw, 0, (size_t)(g.k * g.outC) * sizeof(float));
  if (g.k == 0 || g.outC == 0) return NULL;
  for (int64_t b0 = 0; b0 < g.batch; b0 += g.chunk) {
    const int64_t b1 = b0 + g.chunk < g.batch ? b0 + g.chunk : g.batch;
    const int64_t rows = (b1 - b0) * g.perSample;
    if (rows == 0) continue;
    float *p = gantry_scratch(env, (size_t)(rows * g.k));
    if (p == NULL) return NULL;
    im2col(x, &g, b0, b1, p);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)g.k, (int)g.outC, (int)rows, 1.0f, p, (int)g.k,
                dy + b0 * g.perSample * g.outC, (int)g.outC, 1.0f, dw, (int)g.outC);
  }
  return NULL;
}
