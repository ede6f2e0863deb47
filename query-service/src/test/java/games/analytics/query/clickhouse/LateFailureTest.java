package games.analytics.query.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.clickhouse.ClickHouseFailure;
import games.analytics.query.grammar.OutputFormat;
import games.analytics.query.output.ClickHouseFailedLate;
import games.analytics.query.output.Layout;
import games.analytics.query.output.OutputColumn;
import games.analytics.query.output.ResultBody;
import games.analytics.query.output.ResultStream;
import games.analytics.query.sql.Statement;
import io.micronaut.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A query sent without wait_end_of_query (an app_id lookup) can fail after ClickHouse has sent rows: its answer then
 * ends in ClickHouse's exception text. Read from the real ClickHouse: a query whose 16th block throws, after ~10 MB of
 * rows have left the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateFailureTest {

    static final String FAILS_LATE = "SELECT number, throwIf(number = 1000000) FROM system.numbers LIMIT 1100000 FORMAT TabSeparated";
    static final List<OutputColumn> COLUMNS = List.of(new OutputColumn("n", OutputColumn.Render.NUMBER),
            new OutputColumn("thrown", OutputColumn.Render.NUMBER));

    final ReaderUnderTest underTest = new ReaderUnderTest(2, 2_000_000);
    final QueryThreads threads = underTest.threads;
    final GamesReader reader = underTest.reader;

    @AfterAll
    void close() {
        underTest.close();
    }

    InputStream answer() {
        return reader.stream(new Statement(FAILS_LATE, false, 0, false)).block();
    }

    @Test
    void anAnswerRenderedWholeFailsAsAClickHouseErrorNotAsRowsWithAnErrorField() {
        for (OutputFormat format : List.of(OutputFormat.json, OutputFormat.ndjson, OutputFormat.csv)) {
            ClickHouseFailedLate failure = assertThrows(ClickHouseFailedLate.class,
                    () -> ResultStream.body(answer(), Layout.rows(format, COLUMNS, 64 * 1024 * 1024)), format.name());
            ClickHouseFailure problem = assertInstanceOf(ClickHouseFailure.class, GamesReader.failedLate(failure.getMessage()), format.name());
            assertEquals(HttpStatus.BAD_GATEWAY, problem.problem().httpStatus(), format.name());
            assertTrue(problem.getMessage().contains("395"), problem.getMessage()); // throwIf's code
        }
        assertEquals(0, threads.running(), "every answer was closed");
    }

    @Test
    void aStreamedAnswerEndsInTheErrorTheFormatCarries() {
        ResultBody body = ResultStream.body(answer(), Layout.rows(OutputFormat.ndjson, COLUMNS, 1024));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertInstanceOf(ResultBody.Streamed.class, body).chunks().doOnNext(out::writeBytes).blockLast();
        String text = out.toString(StandardCharsets.UTF_8);
        String last = text.substring(text.stripTrailing().lastIndexOf('\n') + 1);
        assertTrue(text.startsWith("{\"n\":0,\"thrown\":0}\n"), text.substring(0, 40));
        assertTrue(last.startsWith("{\"error\":\"Code: 395"), last);
        assertEquals(0, threads.running(), "the streamed answer was closed");
    }

    @Test
    void aStreamedCsvAbortsRatherThanLookComplete() {
        ResultBody body = ResultStream.body(answer(), Layout.rows(OutputFormat.csv, COLUMNS, 1024));
        RuntimeException abort = assertThrows(RuntimeException.class,
                () -> assertInstanceOf(ResultBody.Streamed.class, body).chunks().blockLast());
        assertTrue(String.valueOf(abort.getMessage()).contains("Code: 395"), abort.getMessage());
        assertEquals(0, threads.running(), "the streamed answer was closed");
    }
}
