package games.analytics.query;

import games.analytics.testing.TestData;
import games.analytics.testing.TestDataset;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The sample file read with plain Java, independently of the service and its column registry:
 * the test oracle that expected answers are computed from.
 */
final class SampleGames {

    record Game(long appId, String name, LocalDate releaseDate, boolean monthOnly, int requiredAge, BigDecimal price,
                List<String> languages, boolean windows, boolean mac, boolean linux, long positive, long negative,
                Long scoreRank, String developers, List<String> genres, List<String> tags, long sourceRow) {
    }

    /** Rows the sample lacks: no date, a wordless date, score ranks. */
    static final String EXTRA = """

            100,9000001,Coming Soon Game,Coming soon,0,4.99,0,Soon.,['English'],TRUE,FALSE,FALSE,0,0,,Dev A,Pub A,Single-player,Indie,Indie
            101,9000002,Undated Game,,0,0,0,,[],TRUE,TRUE,TRUE,3,1,7,Dev B,Pub B,Single-player,Action,Action
            102,9000003,Ranked Game,"Jan 5, 2020",18,59.99,2,Ranked.,"['English', 'French']",TRUE,FALSE,TRUE,5000,20,3,Dev C,Pub C,"Single-player,Multi-player","Action,RPG","RPG,Action\"""";

    /** The sample file (it has no trailing newline) plus {@link #EXTRA}. */
    static final byte[] CSV = (new String(TestData.bytes(TestData.SAMPLE), StandardCharsets.UTF_8) + EXTRA.stripTrailing())
            .getBytes(StandardCharsets.UTF_8);
    static final List<Game> ALL = load(CSV);

    private SampleGames() {
    }

    /** The games of a file in the sample's format. */
    static List<Game> load(byte[] csv) {
        List<String[]> records = TestDataset.records(csv);
        List<String> h = Arrays.asList(records.get(0));
        List<Game> games = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            String[] r = records.get(i);
            String date = r[h.indexOf("Release date")];
            boolean undated = date.chars().noneMatch(Character::isDigit);
            boolean monthOnly = !undated && !date.contains(",");
            LocalDate releaseDate = undated ? null : monthOnly
                    ? YearMonth.parse(date, DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH)).atDay(1)
                    : LocalDate.parse(date, DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH));
            String rank = r[h.indexOf("Score rank")];
            String languages = r[h.indexOf("Supported languages")];
            games.add(new Game(Long.parseLong(r[h.indexOf("AppID")]), r[h.indexOf("Name")], releaseDate, monthOnly,
                    Integer.parseInt(r[h.indexOf("Required age")]), new BigDecimal(r[h.indexOf("Price")]),
                    languages.equals("[]") ? List.of() : Arrays.stream(languages.substring(2, languages.length() - 2).split("', '")).toList(),
                    r[h.indexOf("Windows")].equals("TRUE"), r[h.indexOf("Mac")].equals("TRUE"), r[h.indexOf("Linux")].equals("TRUE"),
                    Long.parseLong(r[h.indexOf("Positive")]), Long.parseLong(r[h.indexOf("Negative")]),
                    rank.isEmpty() ? null : Long.parseLong(rank), r[h.indexOf("Developers")],
                    split(r[h.indexOf("Genres")]), split(r[h.indexOf("Tags")]), i));
        }
        return List.copyOf(games);
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    /** Release year, or -1 for undated games (so comparisons with it are false, as NULL is in SQL). */
    static int year(Game g) {
        return g.releaseDate() == null ? -1 : g.releaseDate().getYear();
    }

    static boolean has(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
