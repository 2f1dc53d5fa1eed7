// NPY files: writeNpy/readNpy round trips (plain and gzipped), tensors in, errors naming the path.
// The byte codec's own tests (properties, bad headers, numpy interop) are in @gantry/core's npy.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { decodeNpy as coreDecodeNpy, encodeNpy as coreEncodeNpy, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { decodeNpy, encodeNpy } from "./npy.js";
import { readNpy, writeNpy } from "./npy-file.js";

const tmp = mkdtempSync(join(tmpdir(), "gantry-npy-"));

describe("NPY files", () => {
  it("re-exports @gantry/core's codec", () => {
    expect(decodeNpy).toBe(coreDecodeNpy);
    expect(encodeNpy).toBe(coreEncodeNpy);
  });

  it("writes a file and reads it back, plain and gzipped", async () => {
    const file = join(tmp, "a.npy");
    await writeNpy(file, { dtype: "float64", shape: [3, 1], data: Float64Array.from([0.1, 0.2, 0.3]) });
    expect(readNpy(file)).toMatchObject({ dtype: "float64", shape: [3, 1] });
    expect(Array.from(readNpy(file).data)).toEqual([0.1, 0.2, 0.3]);
    const gz = join(tmp, "a.npy.gz");
    writeFileSync(gz, gzipSync(readFileSync(file)));
    expect(Array.from(readNpy(gz).data)).toEqual([0.1, 0.2, 0.3]);
  });

  it("names the path in errors from a bad file", () => {
    const file = join(tmp, "bad.npy");
    writeFileSync(file, "not numpy");
    expect(() => readNpy(file)).toThrow(expect.objectContaining({ code: "DATA_BAD_MAGIC", where: expect.objectContaining({ file }) }));
  });
});

describeBackends("writeNpy from a tensor", () => {
  it("writes a float32 tensor's values and shape", async () => {
    const file = join(tmp, "t.npy");
    await expectNoTensorLeak(async () => {
      const t = tf.tensor2d([[1, 2], [3, 4.5]]);
      await writeNpy(file, t);
      t.dispose();
    });
    const a = readNpy(file);
    expect(a.dtype).toBe("float32");
    expect(a.shape).toEqual([2, 2]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4.5]);
  });

  it("refuses a tensor of another dtype", async () => {
    const t = tf.tensor1d([1, 0], "bool");
    await expect(writeNpy(join(tmp, "b.npy"), t)).rejects.toMatchObject({ code: "DATA_UNSUPPORTED_DTYPE" });
    t.dispose();
  });
});
