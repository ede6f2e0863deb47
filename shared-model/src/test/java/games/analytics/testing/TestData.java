package games.analytics.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The real sample files from shared/data, bundled as test resources. */
public final class TestData {
    public static final String SAMPLE = "sample_game_data.csv";
    public static final String UPSTREAM_1000 = "steam_games_1000_kaggle2024.csv";

    private TestData() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/data/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource data/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
