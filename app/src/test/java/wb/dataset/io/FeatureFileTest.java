package wb.dataset.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.UserException;

class FeatureFileTest {

    static FeatureTable table(int n, int[] shape) {
        FeatureMeta meta = new FeatureMeta("lenet", "pool4", shape, "file: /w/lenet.zip (sha256:ab)", "file:/w/lenet.zip", "sha256:abcd",
                new int[] {1, 28, 28}, "SQUASH", new float[] {0.25f}, new float[] {0.5f}, "/data/bars", "sha256:feed", "sha256:cafe",
                "2026-11-22T00:00:00Z");
        int d = meta.featureSize();
        float[][] x = new float[n][d];
        int[] y = new int[n];
        byte[] s = new byte[n];
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) x[i][j] = i * 1000 + j + 0.25f;
            y[i] = i % 4 == 3 ? -1 : i % 3;
            s[i] = (byte) (i % 3);
            paths.add((i % 2 == 0 ? "train/é/" : "valid/b/") + i + ".png");
        }
        return new FeatureTable(x, y, s, List.of("a", "b", "é"), paths, meta);
    }

    @Test
    void writesAndReadsBackExactly(@TempDir Path dir) throws Exception {
        FeatureTable t = table(37, new int[] {5, 2, 3});
        Path f = dir.resolve("features.h5");
        FeatureFile.write(f, t);
        FeatureTable back = FeatureFile.read(f);
        assertArrayEquals(t.features(), back.features());
        assertArrayEquals(t.labels(), back.labels());
        assertArrayEquals(t.splits(), back.splits());
        assertEquals(t.labelNames(), back.labelNames());
        assertEquals(t.paths(), back.paths());
        assertArrayEquals(new int[] {5, 2, 3}, back.meta().featureShape());
        assertEquals("sha256:cafe", back.meta().cacheKey());
        assertArrayEquals(new float[] {0.25f}, back.meta().mean());
        assertEquals("sha256:cafe", FeatureFile.readMeta(f).cacheKey());
        assertEquals("RGB", back.meta().channelOrder());
        FeatureMeta m = t.meta();
        FeatureMeta bgr = new FeatureMeta(m.modelId(), m.layer(), m.featureShape(), m.weights(), m.weightsSource(), m.weightsKey(), m.inputShape(),
                m.resize(), m.mean(), m.std(), m.datasetRoot(), m.datasetFingerprint(), m.cacheKey(), m.createdAt(), "BGR");
        Path g = dir.resolve("bgr").resolve("features.h5");
        Files.createDirectories(g.getParent());
        FeatureFile.write(g, new FeatureTable(t.features(), t.labels(), t.splits(), t.labelNames(), t.paths(), bgr));
        assertEquals("BGR", FeatureFile.readMeta(g).channelOrder());
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "written atomically: no temporary file left");
        }
        assertArrayEquals(new int[] {0, 6, 9, 12, 18, 21, 24, 30, 33, 36}, back.labelledRows(FeatureTable.TRAIN));
    }

    @Test
    void otherFilesAreRecognised(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("other.h5");
        try (var f = io.jhdf.HdfFile.write(h5)) {
            f.putDataset("x", new int[] {1});
        }
        assertNull(FeatureFile.readMeta(h5));
        UserException e = assertThrows(UserException.class, () -> FeatureFile.read(h5));
        assertTrue(e.getMessage().contains("not a feature file"), e.getMessage());
        Path text = Files.writeString(dir.resolve("x.h5"), "hello");
        assertThrows(UserException.class, () -> FeatureFile.read(text));
    }

    /** The file is for Python users too: h5py must see the documented names, types and values. */
    @Test
    void h5pyReadsTheLayout(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "Debian python3 not installed");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import h5py").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "h5py not installed (apt install python3-h5py)");

        FeatureTable t = table(300, new int[] {800});
        Path f = dir.resolve("features.h5");
        FeatureFile.write(f, t);
        String script = String.join("\n",
                "import h5py, json, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "d = lambda x: x.decode('utf-8') if isinstance(x, bytes) else x",
                "out = {k: {'dtype': str(f[k].dtype), 'shape': list(f[k].shape)} for k in ['features', 'labels', 'split', 'label_names', 'paths']}",
                "out['chunks'] = list(f['features'].chunks); out['compression'] = f['features'].compression",
                "out['row7'] = f['features'][7, :3].tolist(); out['last'] = float(f['features'][299, 799])",
                "out['labels8'] = f['labels'][:8].tolist(); out['split4'] = f['split'][:4].tolist()",
                "out['names'] = [d(x) for x in f['label_names'][()]]; out['path0'] = d(f['paths'][0])",
                "out['attrs'] = {k: d(v.tolist() if hasattr(v, 'tolist') else v) for k, v in f.attrs.items()}",
                "print(json.dumps(out))");
        Process p = new ProcessBuilder(python.toString(), "-c", script, f.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        JsonNode j = new ObjectMapper().readTree(text.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError(text)));
        assertEquals("float32", j.get("features").get("dtype").asText());
        assertEquals("[300,800]", j.get("features").get("shape").toString());
        assertEquals("int32", j.get("labels").get("dtype").asText());
        assertEquals("uint8", j.get("split").get("dtype").asText());
        assertEquals("[3]", j.get("label_names").get("shape").toString());
        assertEquals("[300]", j.get("paths").get("shape").toString());
        assertEquals("gzip", j.get("compression").asText());
        assertEquals(800, j.get("chunks").get(1).asInt());
        assertEquals("[7000.25,7001.25,7002.25]", j.get("row7").toString());
        assertEquals(299 * 1000 + 799 + 0.25, j.get("last").asDouble(), 1e-3);
        assertEquals("[0,1,2,-1,1,2,0,-1]", j.get("labels8").toString());
        assertEquals("[0,1,2,0]", j.get("split4").toString());
        assertEquals("[\"a\",\"b\",\"é\"]", j.get("names").toString());
        assertEquals("train/é/0.png", j.get("path0").asText());
        JsonNode a = j.get("attrs");
        assertEquals(FeatureFile.FORMAT, a.get("format").asText());
        assertEquals("pool4", a.get("layer").asText());
        assertEquals("[800]", a.get("feature_shape").toString());
        assertEquals("[1,28,28]", a.get("input_shape").toString());
        assertEquals(0.5, a.get("std").get(0).asDouble(), 1e-9);
        assertEquals("sha256:cafe", a.get("cache_key").asText());
        assertEquals("train,valid,test", a.get("split_names").asText());
        assertTrue(a.get("preprocessing").asText().contains("1x28x28 SQUASH"), a.toString());
        assertEquals("RGB", a.get("channel_order").asText());
    }
}
