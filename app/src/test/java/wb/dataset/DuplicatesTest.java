package wb.dataset;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.Progress;

/** The dataset doctor's duplicate finder on images made for it. */
class DuplicatesTest {

    @TempDir Path root;

    /** A smooth colour pattern (like a photo, unlike noise) that differs with {@code seed}. */
    private static BufferedImage picture(int seed, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int r = (int) (128 + 100 * Math.sin(x / 5.0 + seed) * Math.cos(y / 7.0 - seed));
                int g = (int) (128 + 90 * Math.cos((x + y) / 9.0 + 2 * seed));
                int b = (int) (128 + 80 * Math.sin((x - y) / 6.0 + 3 * seed));
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void findsCopiesLeaksLabelConflictsAndReEncodedPictures() {
        byte[] a = encode(picture(1, 48), "png");
        Fixtures.write(root.resolve("train/cat/a.png"), a);
        Fixtures.write(root.resolve("train/dog/c.png"), a);              // the same picture labelled dog
        Fixtures.write(root.resolve("valid/cat/a-copy.png"), a);         // and in the validation split
        Fixtures.write(root.resolve("train/dog/b.png"), encode(picture(2, 48), "png"));
        Fixtures.write(root.resolve("train/dog/b-small.jpg"), encode(shrink(picture(2, 48)), "jpg")); // re-encoded and resized
        Fixtures.write(root.resolve("train/cat/d.png"), encode(picture(3, 48), "png"));
        Fixtures.write(root.resolve("train/cat/e.png"), encode(picture(4, 48), "png"));
        Fixtures.write(root.resolve("valid/dog/f.png"), encode(picture(5, 48), "png"));

        Dataset d = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
        VerificationReport r = DatasetDoctor.verify(d, 0, Progress.NONE, Cancellation.NEVER);

        assertEquals(2, r.duplicates().size(), r.duplicates().toString());
        DuplicateGroup same = r.duplicates().get(0);
        assertEquals(DuplicateGroup.Kind.IDENTICAL, same.kind());
        assertEquals(List.of("a.png", "c.png", "a-copy.png"), same.items().stream().map(i -> i.path().getFileName().toString()).toList());
        assertEquals(List.of(Split.TRAIN, Split.TRAIN, Split.VALID), same.splits());
        assertTrue(same.crossesSplits());
        assertTrue(same.conflictingLabels());
        assertEquals("same pixels, across splits, different labels", same.describe());

        DuplicateGroup near = r.duplicates().get(1);
        assertEquals(DuplicateGroup.Kind.NEAR_IDENTICAL, near.kind());
        assertEquals(List.of("b-small.jpg", "b.png"), near.items().stream().map(i -> i.path().getFileName().toString()).sorted().toList());
        assertFalse(near.crossesSplits());
        assertFalse(near.conflictingLabels());
        assertEquals(1, r.leakedGroups());
        assertEquals(1, r.conflictingGroups());
    }

    @Test
    void differentPicturesAndFlatImagesAreNotNearDuplicates() {
        for (int i = 0; i < 12; i++) Fixtures.write(root.resolve("train/c" + (i % 2) + "/" + i + ".png"), encode(picture(10 + i, 32), "png"));
        BufferedImage black = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage grey = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) grey.setRGB(x, y, 0x404040);
        Fixtures.write(root.resolve("train/c0/black.png"), encode(black, "png"));
        Fixtures.write(root.resolve("train/c1/grey.png"), encode(grey, "png"));
        VerificationReport r = DatasetDoctor.verify(DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER), 0, Progress.NONE, Cancellation.NEVER);
        assertEquals(List.of(), r.duplicates(), "flat images all hash alike, but black is not grey");
    }

    private static BufferedImage shrink(BufferedImage src) {
        BufferedImage out = new BufferedImage(36, 36, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, 36, 36, null);
        g.dispose();
        return out;
    }
}
