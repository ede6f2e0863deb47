package games.analytics.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The SSRF guard and the Google Sheets rewrite, on addresses that need no network. */
class UrlPolicyTest {

    final UrlPolicy strict = new UrlPolicy(false, "");

    @Test
    void refusesLoopbackPrivateLinkLocalAndMetadataAddresses() {
        for (String url : new String[] {"http://127.0.0.1/x.csv", "http://localhost:8080/x.csv", "http://10.1.2.3/x.csv",
                "http://172.16.0.1/x.csv", "http://192.168.1.1/x.csv", "http://169.254.169.254/latest/meta-data",
                "http://metadata.google.internal/x", "http://[::1]/x.csv", "http://[fd00::1]/x.csv", "http://100.64.0.1/x.csv",
                "http://0.0.0.0/x.csv", "file:///etc/passwd", "ftp://example.com/x.csv", "gopher://x/",
                // the hostile review's list: IPv4-compatible, IPv4-translated, NAT64 and 6to4 wrappers of loopback and
                // metadata, benchmarking, reserved, broadcast, IETF protocol assignments, Azure's host endpoint
                "http://[::127.0.0.1]/x.csv", "http://[::ffff:0:127.0.0.1]/x.csv", "http://[64:ff9b::a9fe:a9fe]/x.csv",
                "http://[2002:a9fe:a9fe::]/x.csv", "http://[::ffff:127.0.0.1]/x.csv", "http://198.18.0.1/x.csv", "http://240.0.0.1/x.csv",
                "http://255.255.255.255/x.csv", "http://192.0.0.192/x.csv", "http://168.63.129.16/x.csv", "http://[2001::1]/x.csv",
                "http://[2001:db8::1]/x.csv", "http://[fe80::1]/x.csv", "http://[ff02::1]/x.csv", "http://224.0.0.1/x.csv",
                "http://192.0.2.1/x.csv", "http://203.0.113.9/x.csv", "http://[::]/x.csv"}) {
            RejectedUrlException e = assertThrows(RejectedUrlException.class, () -> strict.accept(url), url);
            assertTrue(e.getMessage().contains("resolves to") || e.getMessage().contains("metadata") || e.getMessage().contains("http(s)"),
                    url + ": " + e.getMessage());
        }
        new UrlPolicy(true, "").accept("http://127.0.0.1:1/x.csv"); // allowed by configuration
        strict.accept("http://93.184.216.34/x.csv"); // a public literal address needs no DNS
        strict.accept("http://[2606:4700::1111]/x.csv");
        strict.accept("http://[2002:5db8:d822::1]/x.csv"); // 6to4 of the public 93.184.216.34
    }

    @Test
    void anAllowListOpensExactlyTheNamedHostAndPort() throws Exception {
        UrlPolicy files = new UrlPolicy(false, "127.0.0.1:8090, [::1]:8091");
        files.accept("http://127.0.0.1:8090/sample.csv");
        files.accept("http://[::1]:8091/sample.csv");
        for (String url : new String[] {"http://127.0.0.1:8123/?query=SELECT+1", "http://127.0.0.1/x.csv", "http://localhost:8090/x.csv",
                "http://[::1]:8090/x.csv"}) {
            assertThrows(RejectedUrlException.class, () -> files.accept(url), url);
        }
        assertEquals(1, files.connectable("127.0.0.1").size());
        assertThrows(java.net.UnknownHostException.class, () -> strict.connectable("127.0.0.1"));
        assertThrows(java.net.UnknownHostException.class, () -> strict.connectable("localhost"), "the resolver filters too");
    }

    @Test
    void linksAreShownWithoutTheirSecrets() {
        assertEquals("https://***@files.example.com/a.csv?X-Amz-Signature=***&X-Amz-Credential=***&format=csv#***",
                Links.redact(URI.create("https://bob:hunter2@files.example.com/a.csv?X-Amz-Signature=abc&X-Amz-Credential=k%2Fx&format=csv#frag")));
        assertEquals("https://docs.google.com/spreadsheets/d/1AbC/export?format=csv&gid=0",
                Links.redact(URI.create("https://docs.google.com/spreadsheets/d/1AbC/export?format=csv&gid=0")));
        assertEquals("http://127.0.0.1:8090/sample.csv?flag", Links.redact(URI.create("http://127.0.0.1:8090/sample.csv?flag")));
        RejectedUrlException e = assertThrows(RejectedUrlException.class, () -> strict.accept("ftp://u:secret@example.com/x.csv?sig=s3cr3t"));
        assertTrue(!e.getMessage().contains("secret") && !e.getMessage().contains("s3cr3t"), e.getMessage());
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
