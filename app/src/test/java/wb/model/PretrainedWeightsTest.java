package wb.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import wb.common.Cancellation;
import wb.common.CancelledException;
import wb.common.Progress;
import wb.common.UserException;
import wb.imaging.ResizePolicy;

class PretrainedWeightsTest {

    static final InputShape RGB16 = new InputShape(3, 16, 16);

    /** A small network trained for a few steps: stands in for published ImageNet weights. */
    static ComputationGraph trainedTinyNet() {
        ComputationGraph net = Networks.build(ModelZoo.standard().get("shallownet"), new ModelRequest(RGB16, 4, 3, 0, 0, false), new Adam(1e-2));
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 16, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 4);
        for (int i = 0; i < 8; i++) y.putScalar(i, i % 4, 1f);
        for (int i = 0; i < 3; i++) net.fit(new DataSet(x, y));
        return net;
    }

    static ImageNetWeights published(String url, long checksum) {
        return new ImageNetWeights("tinynet", url, checksum, RGB16, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, "test");
    }

    static INDArray probe() {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
    }

    @Test
    void cachedWeightsLoadThroughTheDownloadPathAndKeepTheirPredictions(@TempDir Path cache) throws Exception {
        ComputationGraph net = trainedTinyNet();
        PretrainedWeights pw = new PretrainedWeights(cache, Duration.ofSeconds(2), Duration.ofSeconds(2));
        ImageNetWeights unreachable = published("http://127.0.0.1:9/models/tinynet_dl4j_inference.v1.zip", 0);
        Path file = pw.cachedFile(unreachable);
        assertEquals(cache.resolve("tinynet").resolve("tinynet_dl4j_inference.v1.zip"), file, "the zoo's layout: model folder, URL file name");
        Files.createDirectories(file.getParent());
        ModelSerializer.writeModel(net, file.toFile(), false);
        ImageNetWeights w = published(unreachable.url(), PretrainedWeights.adler32(file));

        PretrainedNetwork loaded = pw.load(w, Progress.NONE, Cancellation.NEVER);
        assertEquals(net.outputSingle(false, probe()), loaded.network().outputSingle(false, probe()));
        assertTrue(loaded.origin().contains(w.url()) && loaded.origin().contains(String.valueOf(w.adler32())), loaded.origin());
        assertEquals("imagenet:" + w.url() + "#adler32=" + w.adler32(), loaded.weightsKey());
        assertEquals(RGB16, loaded.input());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, loaded.preprocessing().mean());
    }

    @Test
    void aCorruptedCachedFileFailsTheChecksumWithAClearMessage(@TempDir Path cache) throws Exception {
        PretrainedWeights pw = new PretrainedWeights(cache, Duration.ofSeconds(2), Duration.ofSeconds(2));
        ImageNetWeights probeW = published("http://127.0.0.1:9/tinynet.zip", 0);
        Path file = pw.cachedFile(probeW);
        Files.createDirectories(file.getParent());
        ModelSerializer.writeModel(trainedTinyNet(), file.toFile(), false);
        long good = PretrainedWeights.adler32(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);

        UserException e = assertThrows(UserException.class, () -> pw.load(published(probeW.url(), good), Progress.NONE, Cancellation.NEVER));
        assertTrue(e.getMessage().contains("fails its checksum") && e.getMessage().contains(file.toString())
                && e.getMessage().contains("expected " + good), e.getMessage());
        assertTrue(Files.exists(file), "a file the user may have put there is reported, not deleted");
    }

    @Test
    void offlineMessageNamesTheUrlTheCachePathAndTheAlternative(@TempDir Path cache) {
        PretrainedWeights pw = new PretrainedWeights(cache, Duration.ofSeconds(2), Duration.ofSeconds(2));
        ImageNetWeights w = published("http://127.0.0.1:9/models/tinynet_dl4j_inference.zip", 1234);
        UserException e = assertThrows(UserException.class, () -> pw.load(w, Progress.NONE, Cancellation.NEVER));
        assertTrue(e.getMessage().contains(w.url()), e.getMessage());
        assertTrue(e.getMessage().contains(pw.cachedFile(w).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--init-weights FILE"), e.getMessage());
        assertFalse(Files.exists(pw.cachedFile(w)));
    }

    @Test
    void downloadsWithProgressIntoTheCacheAndRejectsACorruptDownload(@TempDir Path tmp) throws Exception {
        Path source = tmp.resolve("published.zip");
        ModelSerializer.writeModel(trainedTinyNet(), source.toFile(), false);
        byte[] good = Files.readAllBytes(source);
        long checksum = PretrainedWeights.adler32(source);
        byte[] bad = good.clone();
        bad[100] ^= 1;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (var route : List.of(java.util.Map.entry("/good/tinynet.zip", good), java.util.Map.entry("/bad/tinynet.zip", bad))) {
            server.createContext(route.getKey(), ex -> {
                ex.sendResponseHeaders(200, route.getValue().length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(route.getValue());
                }
            });
        }
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            PretrainedWeights pw = new PretrainedWeights(tmp.resolve("cache"), Duration.ofSeconds(5), Duration.ofSeconds(5));
            AtomicLong lastDone = new AtomicLong();
            AtomicLong lastTotal = new AtomicLong();
            Progress p = (m, done, total) -> {
                if (m.startsWith("downloading")) {
                    lastDone.set(done);
                    lastTotal.set(total);
                }
            };
            ImageNetWeights w = published(base + "/good/tinynet.zip", checksum);
            PretrainedNetwork net = pw.load(w, p, Cancellation.NEVER);
            assertEquals(good.length, lastDone.get());
            assertEquals(good.length, lastTotal.get());
            assertArrayEquals(good, Files.readAllBytes(pw.cachedFile(w)));
            try (var files = Files.list(pw.cachedFile(w).getParent())) {
                assertEquals(1, files.count(), "no temporary files left");
            }
            assertEquals(4, net.network().outputSingle(false, probe()).size(1));

            ImageNetWeights corrupt = new ImageNetWeights("other", base + "/bad/tinynet.zip", checksum, RGB16, new float[3], new float[] {1, 1, 1}, "t");
            UserException e = assertThrows(UserException.class, () -> pw.load(corrupt, Progress.NONE, Cancellation.NEVER));
            assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
            assertFalse(Files.exists(pw.cachedFile(corrupt)), "a corrupt download never enters the cache");

            Cancellation cancel = new Cancellation();
            ImageNetWeights again = new ImageNetWeights("third", base + "/good/tinynet.zip", checksum, RGB16, new float[3], new float[] {1, 1, 1}, "t");
            assertThrows(CancelledException.class, () -> pw.load(again, (m, d, t) -> { if (d > 0) cancel.cancel(); }, cancel));
            assertFalse(Files.exists(pw.cachedFile(again)));
            try (var files = Files.list(pw.cacheDir().resolve("third"))) {
                assertEquals(0, files.count(), "cancelled download leaves nothing behind");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void modelFilesTheUserHasAreLoadedAsGraphs(@TempDir Path tmp) throws Exception {
        // A MultiLayerNetwork zip is converted to a graph with the same outputs.
        MultiLayerConfiguration mlc = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 3)).build();
        MultiLayerNetwork mln = new MultiLayerNetwork(mlc);
        mln.init();
        Path mlnZip = tmp.resolve("sequential.zip");
        ModelSerializer.writeModel(mln, mlnZip.toFile(), false);
        PretrainedNetwork fromMln = PretrainedWeights.fromFile(mlnZip);
        assertTrue(mln.output(probe()).equalsWithEps(fromMln.network().outputSingle(false, probe()), 1e-6));
        assertNull(fromMln.preprocessing(), "a plain zip does not say how its inputs were normalised");
        assertEquals(3, FineTuning.inputChannels(fromMln.network()));
        assertTrue(fromMln.origin().startsWith("file: ") && fromMln.weightsKey().startsWith("sha256:"), fromMln.origin());

        // A bundle folder brings its card: input and preprocessing.
        ComputationGraph net = trainedTinyNet();
        Path bundle = tmp.resolve("run");
        ModelCard card = new ModelCard(ModelCard.FORMAT_VERSION, "shallownet", "ShallowNet", List.of("a", "b", "c", "d"), 3, 16, 16,
                ResizePolicy.SQUASH.name(), new float[] {0.4f, 0.5f, 0.6f}, new float[] {0.2f, 0.2f, 0.2f}, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), "/d", "FASTAI", "sha256:0", java.util.Map.of(), 1, net.numParams(), 1, 1, null, ModelCard.currentVersions(), "t");
        ModelBundle.save(new TrainedModel(net, card), bundle, false);
        for (Path p : List.of(bundle, bundle.resolve("model.zip"))) {
            PretrainedNetwork b = PretrainedWeights.fromFile(p);
            assertEquals(RGB16, b.input());
            assertEquals(card.preprocessing(), b.preprocessing());
            assertEquals("shallownet", b.modelId());
            assertEquals(List.of("a", "b", "c", "d"), b.labels());
        }
    }

    @Test
    void kerasModelsImportExactlyIncludingChannelsLastInput() throws Exception {
        Path h5 = Path.of(getClass().getResource("keras-tiny.h5").toURI());
        JsonNode expected = ModelBundle.json().readTree(getClass().getResource("keras-tiny-expected.json"));
        PretrainedNetwork k = PretrainedWeights.fromFile(h5);
        assertTrue(k.origin().startsWith("keras: "), k.origin());
        assertEquals(3, FineTuning.inputChannels(k.network()));
        InputShape in = new InputShape(3, 8, 8);
        // The import is channels-last; our surgery puts a converter in front so it takes our channels-first tensors.
        ComputationGraph same = FineTuning.freezeThrough(k.network(), in, null, new Adam(1e-3));
        float[][] x = new float[2][];
        for (int i = 0; i < 2; i++) {
            JsonNode row = expected.get("inputNchw").get(i);
            x[i] = new float[row.size()];
            for (int j = 0; j < row.size(); j++) x[i][j] = (float) row.get(j).asDouble();
        }
        INDArray probs = same.outputSingle(false, Nd4j.create(x).reshape('c', 2, 3, 8, 8));
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected.get("probabilities").get(i).get(c).asDouble(), probs.getDouble(i, c), 1e-5, "example " + i + " class " + c);
            }
        }
        assertEquals("pool", FineTuning.defaultFeatureLayer(same, in));
        ComputationGraph tuned = FineTuning.withNewHead(k.network(), in, "pool", 2, HeadSpec.defaults(), "pool", new Adam(1e-3), 1);
        assertEquals(2, tuned.outputSingle(false, Nd4j.create(x).reshape('c', 2, 3, 8, 8)).size(1));
    }

    @Test
    void filesThatAreNotModelsGetAClearMessage(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.zip"), "just some text");
        UserException e1 = assertThrows(UserException.class, () -> PretrainedWeights.fromFile(text));
        assertTrue(e1.getMessage().contains("is not a model file") && e1.getMessage().contains("Keras .h5"), e1.getMessage());

        Path zip = tmp.resolve("photos.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("cat.jpg"));
            z.write(new byte[] {1, 2, 3});
        }
        UserException e2 = assertThrows(UserException.class, () -> PretrainedWeights.fromFile(zip));
        assertTrue(e2.getMessage().contains("not a DL4J model"), e2.getMessage());

        Path h5 = tmp.resolve("data.h5");
        try (var f = io.jhdf.HdfFile.write(h5)) {
            f.putDataset("x", new float[] {1, 2, 3});
        }
        UserException e3 = assertThrows(UserException.class, () -> PretrainedWeights.fromFile(h5));
        assertTrue(e3.getMessage().contains("holds no Keras model configuration"), e3.getMessage());

        UserException e4 = assertThrows(UserException.class, () -> PretrainedWeights.fromFile(tmp.resolve("missing.h5")));
        assertTrue(e4.getMessage().contains("does not exist"), e4.getMessage());
        UserException e5 = assertThrows(UserException.class, () -> PretrainedWeights.fromFile(tmp));
        assertTrue(e5.getMessage().contains("not a model bundle"), e5.getMessage());
    }

    @Test
    void zooWeightsAreDescribedWithTheirPreprocessing() {
        ImageNetWeights vgg = ModelZoo.standard().get("vgg16").imagenetWeights().orElseThrow();
        assertEquals("vgg16_dl4j_inference.zip", vgg.fileName());
        assertTrue(vgg.adler32() != 0);
        Preprocessing p = vgg.preprocessing(ResizePolicy.SQUASH);
        assertEquals(new InputShape(3, 224, 224), p.input());
        // DL4J M2.1's VGG16ImagePreProcessor subtracts VGG_MEAN_OFFSET_BGR (103.939, 116.779, 123.68) from planes 0..2 of
        // NativeImageLoader's BGR output: plane 0 is blue, and x in [0,1] -> (x - mean) / std == 255x - 103.939 there.
        assertEquals(Preprocessing.ChannelOrder.BGR, p.channelOrder());
        assertEquals(103.939f / 255f, p.mean()[0], 1e-7);
        assertEquals(123.68f / 255f, p.mean()[2], 1e-7);
        assertEquals(1f / 255f, p.std()[2], 1e-9);
        for (String id : java.util.List.of("resnet50", "squeezenet")) {
            assertEquals(Preprocessing.ChannelOrder.BGR, ModelZoo.standard().get(id).imagenetWeights().orElseThrow().channelOrder(), id);
        }
        ImageNetWeights darknet = ModelZoo.standard().get("darknet19").imagenetWeights().orElseThrow();
        assertArrayEquals(new float[] {0, 0, 0}, darknet.mean());
        assertEquals(Preprocessing.ChannelOrder.RGB, darknet.channelOrder());

        // A pure red pixel reaches the network as (B, G, R) planes: 0 - 103.939, 0 - 116.779, 255 - 123.68.
        Preprocessing small = new Preprocessing(new InputShape(3, 8, 8), ResizePolicy.SQUASH, p.mean(), p.std(), p.channelOrder());
        byte[] red = new byte[8 * 8 * 3];
        for (int i = 0; i < red.length; i += 3) red[i] = (byte) 255;
        float[] t = new float[3 * 64];
        small.toTensor(new wb.imaging.Raster(8, 8, 3, red), t, 0);
        assertArrayEquals(new float[] {-103.939f, -116.779f, 131.32f}, new float[] {t[5], t[64 + 5], t[128 + 5]}, 1e-3f);
        assertTrue(ModelZoo.standard().get("resnet50").pretrainedAvailable());
        assertFalse(ModelZoo.standard().get("lenet").pretrainedAvailable());
        UserException e = assertThrows(UserException.class, () -> PretrainedWeights.standard().imagenet(ModelZoo.standard().get("lenet"), Progress.NONE, Cancellation.NEVER));
        assertTrue(e.getMessage().contains("vgg16") && e.getMessage().contains("--init-weights FILE"), e.getMessage());
    }
}
