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
#include <stdio.h>
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

/* Which tensor of the convolution an argument is, and so how many floats the geometry needs in it. */
typedef enum { INPUT_MAP, FILTER, OUTPUT_MAP } Role;

static int64_t floats_needed(const Geometry *g, Role role) {
  switch (role) {
    case INPUT_MAP: return g->batch * g->inH * g->inW * g->inC;
    case FILTER: return g->k * g->outC;
    default: return g->batch * g->perSample * g->outC;
  }
}

/* The call's three Float32Array arguments (named and sized by their roles) and its geometry. */
static int conv_args(napi_env env, napi_callback_info info, const char *kernel, const char *const names[3], const Role roles[3],
                     float *arrays[3], Geometry *g) {
  napi_value argv[GANTRY_MAX_ARGS];
  size_t lengths[3];
  if (!gantry_args(env, info, 4, argv) || !geometry(env, argv[3], g)) return 0;
  for (int i = 0; i < 3; i++) {
    if (!gantry_f32(env, argv[i], names[i], &arrays[i], &lengths[i])) return 0;
    if ((int64_t)lengths[i] < floats_needed(g, roles[i])) {
      char message[128];
      snprintf(message, sizeof message, "%s: %s is shorter than the geometry", kernel, names[i]);
      return gantry_range_error(env, message);
    }
  }
  return 1;
}

/* The end of the chunk of samples that starts at b0 (its patch matrix fits MAX_PATCH_FLOATS). */
static int64_t chunk_end(const Geometry *g, int64_t b0) {
  return b0 + g->chunk < g->batch ? b0 + g->chunk : g->batch;
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
  static const char *const names[3] = {"x", "filter", "y"};
  static const Role roles[3] = {INPUT_MAP, FILTER, OUTPUT_MAP};
  float *a[3];
  Geometry g;
  if (!conv_args(env, info, "conv2d", names, roles, a, &g)) return NULL;
  const float *x = a[0], *w = a[1];
  float *y = a[2];
  if (g.k == 0) {
    memset(y, 0, (size_t)floats_needed(&g, OUTPUT_MAP) * sizeof(float));
    return NULL;
  }
  for (int64_t b0 = 0; b0 < g.batch; b0 = chunk_end(&g, b0)) {
    const int64_t b1 = chunk_end(&g, b0);
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
  static const char *const names[3] = {"dy", "filter", "dx"};
  static const Role roles[3] = {OUTPUT_MAP, FILTER, INPUT_MAP};
  float *a[3];
  Geometry g;
  if (!conv_args(env, info, "conv2dBackpropInput", names, roles, a, &g)) return NULL;
  const float *dy = a[0], *w = a[1];
  float *dx = a[2];
  memset(dx, 0, (size_t)floats_needed(&g, INPUT_MAP) * sizeof(float));
  if (g.k == 0 || g.outC == 0) return NULL;
  for (int64_t b0 = 0; b0 < g.batch; b0 = chunk_end(&g, b0)) {
    const int64_t b1 = chunk_end(&g, b0);
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
  static const char *const names[3] = {"x", "dy", "dw"};
  static const Role roles[3] = {INPUT_MAP, OUTPUT_MAP, FILTER};
  float *a[3];
  Geometry g;
  if (!conv_args(env, info, "conv2dBackpropFilter", names, roles, a, &g)) return NULL;
  const float *x = a[0], *dy = a[1];
  float *dw = a[2];
  memset(dw, 0, (size_t)floats_needed(&g, FILTER) * sizeof(float));
  if (g.k == 0 || g.outC == 0) return NULL;
  for (int64_t b0 = 0; b0 < g.batch; b0 = chunk_end(&g, b0)) {
    const int64_t b1 = chunk_end(&g, b0);
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
