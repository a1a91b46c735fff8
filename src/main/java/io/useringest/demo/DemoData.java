package io.useringest.demo;

import io.useringest.config.Futures;
import io.useringest.storage.ObjectStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * A generated demo data set, the same every time: 100 users (ids 1000-1099), about 70%
 * with a small PNG; the first 60 as loose files in two folders, the last 40 packed in one
 * archive, so both input forms are shown.
 */
public final class DemoData {

    public static final int USERS = 100;

    private static final String[] FIRST = { "Susan", "Ahmed", "Mei", "Olga", "Carlos", "Amara", "Jonas", "Priya",
            "Liam", "Fatima", "Kenji", "Zoe", "Mateo", "Ingrid", "Kwame", "Elif", "Noah", "Sofia", "Ravi", "Ana" };

    private static final String[] LAST = { "Lee", "Khan", "Wang", "Ivanova", "García", "Okafor", "Berg", "Sharma",
            "Murphy", "Haddad", "Sato", "Martin", "Rossi", "Nilsen", "Mensah", "Yılmaz", "Smith", "O'Brien", "Patel",
            "Silva" };

    private DemoData() {
    }

    /**
     * Uploads the data set into the bucket, several objects at once on {@code io};
     * returns the number of objects written.
     */
    public static int upload(ObjectStore store, String bucket, String prefix, ExecutorService io) {
        Random random = new Random(20261122L);
        List<Future<?>> uploads = new ArrayList<>();
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            for (int i = 0; i < USERS; i++) {
                String userId = String.valueOf(1000 + i);
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                long birthts = LocalDate.of(1940, 1, 1)
                    .plusDays(random.nextInt(365 * 68))
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .toEpochMilli() + random.nextInt(86_400_000);
                byte[] csv = ("first_name, last_name, birthts\n" + quote(first) + ", " + quote(last) + ", " + birthts
                        + "\n")
                    .getBytes(StandardCharsets.UTF_8);
                byte[] png = random.nextInt(10) < 7 ? portrait(random) : null;
                if (i < 60) {
                    String folder = prefix + (i < 30 ? "2026-11-01/" : "2026-11-02/");
                    uploads.add(io.submit(() -> store.put(bucket, folder + userId + ".csv", csv, "text/csv")));
                    if (png != null) {
                        uploads.add(io.submit(() -> store.put(bucket, folder + userId + ".png", png, "image/png")));
                    }
                }
                else {
                    zip.putNextEntry(new ZipEntry("users/" + userId + ".csv"));
                    zip.write(csv);
                    if (png != null) {
                        zip.putNextEntry(new ZipEntry("users/" + userId + ".png"));
                        zip.write(png);
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(bucket, prefix + "archives/batch-1.zip", archive.toByteArray(), "application/zip");
        Futures.awaitAll(uploads, "the demo data upload");
        return uploads.size() + 1;
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /**
     * A 64x64 PNG avatar: a head and shoulders on a coloured ground (shapes only: no
     * fonts needed).
     */
    static byte[] portrait(Random random) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.getHSBColor(random.nextFloat(), 0.45f, 0.85f));
        g.fillRect(0, 0, 64, 64);
        g.setColor(Color.getHSBColor(random.nextFloat(), 0.3f, 0.98f));
        g.fillOval(20, 10, 24, 24);
        g.fillOval(8, 38, 48, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

}
