package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import games.analytics.testing.TestData;
import games.analytics.testing.TestDataset;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** A replace (new table, pointer flip, old table dropped, as the ingest-service does it) is seen by the very next query. */
@MicronautTest
class ReplaceTest extends ServiceOnClickHouse {

    ReplaceTest() throws Exception {
        super("replace", null);
    }

    String total() {
        return http.toBlocking().exchange(HttpRequest.GET("/api/v1/games?count=exact&limit=1"), String.class).header("X-Total-Count");
    }

    @Test
    void theNextQueryReadsTheNewTable() throws Exception {
        String first = TestDataset.publish(ch, db, TestData.bytes(TestData.SAMPLE));
        assertEquals("100", total());
        TestDataset.publish(ch, db, TestData.bytes(TestData.UPSTREAM_1000));
        ch.sql("DROP TABLE " + db + "." + first);
        assertEquals("1000", total()); // the cached pointer named a dropped table: read again, no error
    }
}
