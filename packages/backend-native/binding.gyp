{
  "targets": [
    {
      "target_name": "gantry_native",
      "sources": ["native/adam.c", "native/addon.c", "native/args.c", "native/binary.c", "native/conv.c", "native/dense.c", "native/elementwise.c", "native/fdlibm-log.c", "native/gemm.c", "native/huge-buffer.c", "native/lapack.c", "native/random.c", "native/reduce.c"],
      # -fno-trapping-math: the addon never reads floating-point exception flags, and without it gcc will not
      # turn a select such as leaky ReLU's into vector code ("control flow in loop"): 5× slower.
      # -fno-math-errno: sqrt need not set errno, so loops over it vectorise (native/random.c); values are unchanged.
      # -ffp-contract=off: no a·b + c fused into one rounding, so native/adam.c equals the unfused ops bit for bit.
      "cflags_c": ["-O3", "-fno-trapping-math", "-fno-math-errno", "-ffp-contract=off", "-std=c11", "-Wall", "-Wextra", "<!@(pkg-config --cflags openblas)"],
      "libraries": ["<!@(pkg-config --libs openblas)", "-lm"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
