{
  "targets": [
    {
      "target_name": "gantry_native",
      "sources": ["native/addon.c", "native/args.c", "native/conv.c", "native/elementwise.c", "native/gemm.c", "native/lapack.c"],
      "cflags_c": ["-O3", "-std=c11", "-Wall", "-Wextra", "<!@(pkg-config --cflags openblas)"],
      "libraries": ["<!@(pkg-config --libs openblas)", "-lm"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
