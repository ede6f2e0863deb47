package games.analytics.system;

import games.analytics.testing.TestDataset;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The sample CSV read in plain Java: the answers the web UI must show, computed without the service. */
final class SampleOracle {

    record Game(String appId, String name, String releaseDate, BigDecimal price, long positive, List<String> genres, List<String> tags) {
        /** The year of "Oct 21, 2008" or "May 2020"; null for "Coming soon" and empty dates. */
        String year() {
            String[] words = releaseDate.trim().split("[ ,]+");
            String last = words[words.length - 1];
            return last.matches("\\d{4}") ? last : null;
        }
    }

    final List<Game> rows;

    SampleOracle(byte[] csv) {
        List<String[]> records = TestDataset.records(csv);
        List<String> header = Arrays.asList(records.get(0));
        rows = records.subList(1, records.size()).stream().map(r -> new Game(
                r[header.indexOf("AppID")], r[header.indexOf("Name")], nz(r[header.indexOf("Release date")]),
                new BigDecimal(r[header.indexOf("Price")]), Long.parseLong(r[header.indexOf("Positive")]),
                list(r[header.indexOf("Genres")]), list(r[header.indexOf("Tags")]))).toList();
    }

    private static List<String> list(String cell) {
        return cell == null ? List.of() : Arrays.stream(cell.split(",")).map(String::trim).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** app_ids of the matching rows as the UI sorts them for sort=-positive (ties by app_id). */
    List<String> appIds(Predicate<Game> filter) {
        return rows.stream().filter(filter)
                .sorted(Comparator.comparingLong(Game::positive).reversed().thenComparingLong(g -> Long.parseLong(g.appId())))
                .map(Game::appId).toList();
    }

    /** Every app_id for sort=positive (ties by app_id, NULLs last: positive has none). */
    List<String> appIdsByPositiveAscending() {
        return rows.stream().sorted(Comparator.comparingLong(Game::positive).thenComparingLong(g -> Long.parseLong(g.appId())))
                .map(Game::appId).toList();
    }

    int count(Predicate<Game> filter) {
        return (int) rows.stream().filter(filter).count();
    }

    /**
     * The app_ids of the games most like {@code of}: Jaccard similarity of the sets of tags and genres, then positive
     * descending, then app_id; the game itself and games sharing nothing left out.
     */
    List<String> similar(Game of, int limit) {
        Set<String> a = new TreeSet<>(of.genres());
        a.addAll(of.tags());
        a.remove("");
        Map<Game, Double> similarity = new java.util.HashMap<>();
        for (Game g : rows) {
            Set<String> b = new TreeSet<>(g.genres());
            b.addAll(g.tags());
            b.remove("");
            long common = b.stream().filter(a::contains).count();
            if (!g.appId().equals(of.appId()) && common > 0) {
                similarity.put(g, (double) common / (a.size() + b.size() - common));
            }
        }
        return similarity.keySet().stream().sorted(Comparator.comparing((Game g) -> similarity.get(g)).reversed()
                .thenComparing(Comparator.comparingLong(Game::positive).reversed()).thenComparingLong(g -> Long.parseLong(g.appId())))
                .limit(limit).map(Game::appId).toList();
    }

    Game game(String appId) {
        return rows.stream().filter(g -> g.appId().equals(appId)).findFirst().orElseThrow();
    }

    /** Games per release year, undated ones under "NULL" as the UI shows them. */
    Map<String, Integer> countsByYear() {
        return rows.stream().collect(Collectors.groupingBy(g -> g.year() == null ? "NULL" : g.year(), TreeMap::new,
                Collectors.summingInt(g -> 1)));
    }

    Set<String> genresWithMoreThan(int games) {
        Map<String, Long> perGenre = rows.stream().flatMap(g -> g.genres().stream()).filter(s -> !s.isEmpty())
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        return perGenre.entrySet().stream().filter(e -> e.getValue() > games).map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }
}
