package games.analytics.testing;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.model.CsvFormat;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes a large CSV in the sample's format (same header, quoting and quirks) with values drawn from
 * the sample's own distributions. Deterministic: the same seed and size give the same bytes.
 *
 * <p>Usage: {@code GamesCsvGenerator <out.csv> <megabytes> [seed]}
 */
public final class GamesCsvGenerator {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private final List<String[]> sample;
    private final String[] header;
    private final Random random;
    private final List<String> genres;
    private final List<String> tags;
    private final List<String> categories;
    private final List<String> words;

    public GamesCsvGenerator(byte[] sampleCsv, long seed) {
        CsvParser parser = CsvFormat.newParser();
        List<String[]> all = parser.parseAll(new ByteArrayInputStream(sampleCsv), StandardCharsets.UTF_8);
        this.header = all.get(0);
        this.sample = all.subList(1, all.size());
        this.random = new Random(seed);
        this.genres = pool(col("Genres"));
        this.tags = pool(col("Tags"));
        this.categories = pool(col("Categories"));
        Set<String> w = new LinkedHashSet<>();
        for (String[] row : sample) {
            w.addAll(Arrays.asList(row[col("Name")].split("\\s+")));
        }
        this.words = new ArrayList<>(w);
    }

    private int col(String name) {
        return Arrays.asList(header).indexOf(name);
    }

    private List<String> pool(int column) {
        Set<String> items = new LinkedHashSet<>();
        for (String[] row : sample) {
            items.addAll(Arrays.asList(row[column].split(",")));
        }
        items.remove("");
        return new ArrayList<>(items);
    }

    /** Writes rows until at least {@code targetBytes} are out; returns the number of data rows. */
    public long write(OutputStream out, long targetBytes) throws IOException {
        CountingWriter counter = new CountingWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        Writer writer = new BufferedWriter(counter, 1 << 16);
        writer.write(String.join(",", header));
        long rows = 0;
        long appId = 10;
        while (counter.count < targetBytes) {
            appId += 1 + random.nextInt(20);
            writer.write('\n');
            writer.write(row(rows, appId));
            rows++;
            if (rows % 1000 == 0) {
                writer.flush();
            }
        }
        writer.flush();
        return rows;
    }

    private String row(long index, long appId) {
        String[] base = sample.get(random.nextInt(sample.size()));
        String[] out = new String[header.length];
        out[0] = Long.toString(index);
        out[col("AppID")] = Long.toString(appId);
        out[col("Name")] = words.get(random.nextInt(words.size())) + " " + words.get(random.nextInt(words.size()))
                + (random.nextInt(4) == 0 ? " " + (2 + random.nextInt(8)) : "");
        LocalDate date = LocalDate.of(1997, 1, 1).plusDays(random.nextInt(365 * 28));
        int kind = random.nextInt(100);
        out[col("Release date")] = kind < 2 ? date.format(MONTH) : kind < 3 ? "" : date.format(DAY);
        out[col("Required age")] = sample.get(random.nextInt(sample.size()))[col("Required age")];
        out[col("Price")] = sample.get(random.nextInt(sample.size()))[col("Price")];
        out[col("DLC count")] = sample.get(random.nextInt(sample.size()))[col("DLC count")];
        out[col("About the game")] = base[col("About the game")];
        out[col("Supported languages")] = sample.get(random.nextInt(sample.size()))[col("Supported languages")];
        for (String os : List.of("Windows", "Mac", "Linux")) {
            out[col(os)] = sample.get(random.nextInt(sample.size()))[col(os)];
        }
        out[col("Positive")] = Integer.toString((int) Math.exp(random.nextDouble() * 11));
        out[col("Negative")] = Integer.toString((int) Math.exp(random.nextDouble() * 8));
        out[col("Score rank")] = random.nextInt(50) == 0 ? Integer.toString(random.nextInt(100)) : "";
        out[col("Developers")] = base[col("Developers")];
        out[col("Publishers")] = base[col("Publishers")];
        out[col("Categories")] = pick(categories, 1 + random.nextInt(5));
        out[col("Genres")] = pick(genres, 1 + random.nextInt(3));
        out[col("Tags")] = pick(tags, 1 + random.nextInt(12));
        StringBuilder line = new StringBuilder(2048);
        for (int i = 0; i < out.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            quote(out[i] == null ? "" : out[i], line);
        }
        return line.toString();
    }

    private String pick(List<String> pool, int n) {
        Set<String> picked = new LinkedHashSet<>();
        while (picked.size() < Math.min(n, pool.size())) {
            picked.add(pool.get(random.nextInt(pool.size())));
        }
        return String.join(",", picked);
    }

    private static void quote(String value, StringBuilder out) {
        boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (!needs) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static final class CountingWriter extends Writer {
        private final Writer delegate;
        long count;

        CountingWriter(Writer delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            delegate.write(buffer, offset, length);
            count += length; // chars, close enough to bytes for sizing (text is mostly ASCII)
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: GamesCsvGenerator <out.csv> <megabytes> [seed]");
            System.exit(2);
        }
        Path target = Path.of(args[0]);
        long bytes = Long.parseLong(args[1]) * 1024 * 1024;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        GamesCsvGenerator generator = new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), seed);
        try (OutputStream out = Files.newOutputStream(target)) {
            long rows = generator.write(out, bytes);
            System.out.println(rows);
        }
    }
}
