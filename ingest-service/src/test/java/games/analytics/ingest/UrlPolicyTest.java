package games.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The SSRF guard and the Google Sheets rewrite, on addresses that need no network. */
class UrlPolicyTest {

    final UrlPolicy strict = new UrlPolicy(false);

    @Test
    void refusesLoopbackPrivateLinkLocalAndMetadataAddresses() {
        for (String url : new String[] {"http://127.0.0.1/x.csv", "http://localhost:8080/x.csv", "http://10.1.2.3/x.csv",
                "http://172.16.0.1/x.csv", "http://192.168.1.1/x.csv", "http://169.254.169.254/latest/meta-data",
                "http://metadata.google.internal/x", "http://[::1]/x.csv", "http://[fd00::1]/x.csv", "http://100.64.0.1/x.csv",
                "http://0.0.0.0/x.csv", "file:///etc/passwd", "ftp://example.com/x.csv", "gopher://x/"}) {
            RejectedUrlException e = assertThrows(RejectedUrlException.class, () -> strict.accept(url), url);
            assertTrue(e.getMessage().contains("resolves to") || e.getMessage().contains("metadata") || e.getMessage().contains("http(s)"),
                    url + ": " + e.getMessage());
        }
        new UrlPolicy(true).accept("http://127.0.0.1:1/x.csv"); // allowed by configuration
        strict.accept("http://93.184.216.34/x.csv"); // a public literal address needs no DNS
    }

    @Test
    void googleSheetsLinksBecomeCsvExports() {
        assertEquals(URI.create("https://docs.google.com/spreadsheets/d/1AbC-d_9/export?format=csv&gid=123"),
                UrlPolicy.sheetsExport(URI.create("https://docs.google.com/spreadsheets/d/1AbC-d_9/edit#gid=123")));
        assertEquals(URI.create("https://docs.google.com/spreadsheets/d/1AbC/export?format=csv"),
                UrlPolicy.sheetsExport(URI.create("https://docs.google.com/spreadsheets/d/1AbC/edit?usp=sharing")));
        URI export = URI.create("https://docs.google.com/spreadsheets/d/1AbC/export?format=csv&gid=0");
        assertEquals(export, UrlPolicy.sheetsExport(export));
        URI other = URI.create("https://example.com/spreadsheets/d/1AbC/edit");
        assertEquals(other, UrlPolicy.sheetsExport(other));
    }
}
