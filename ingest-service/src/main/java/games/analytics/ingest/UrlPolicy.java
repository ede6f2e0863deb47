package games.analytics.ingest;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which links the service will fetch. Only http(s); by default nothing that resolves to loopback,
 * private, link-local, carrier-grade NAT, multicast or cloud metadata addresses (SSRF), checked for the
 * link and again for every redirect hop. {@code ingest.url-policy.allow-private=true} lifts the address
 * check for local use and tests.
 */
@Singleton
class UrlPolicy {

    private static final Pattern SHEETS = Pattern.compile("^https://docs\\.google\\.com/spreadsheets/d/([A-Za-z0-9_-]+)(/[^?#]*)?(\\?[^#]*)?(#.*)?$");
    private static final Pattern GID = Pattern.compile("gid=(\\d+)");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal", "metadata.azure.com", "instance-data");

    private final boolean allowPrivate;

    UrlPolicy(@Value("${ingest.url-policy.allow-private:false}") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Parses and checks a link from a request; Google Sheets edit/view links become their CSV export. */
    URI accept(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new RejectedUrlException("url is not a valid link: " + e.getMessage());
        }
        uri = sheetsExport(uri);
        check(uri);
        return uri;
    }

    static URI sheetsExport(URI uri) {
        Matcher m = SHEETS.matcher(uri.toString());
        if (!m.matches() || (m.group(2) != null && m.group(2).startsWith("/export"))) {
            return uri;
        }
        Matcher gid = GID.matcher((m.group(3) == null ? "" : m.group(3)) + (m.group(4) == null ? "" : m.group(4)));
        return URI.create("https://docs.google.com/spreadsheets/d/" + m.group(1) + "/export?format=csv"
                + (gid.find() ? "&gid=" + gid.group(1) : ""));
    }

    /** Throws {@link RejectedUrlException} for a link the service must not fetch. Resolves the host (blocking). */
    void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new RejectedUrlException("url must be an absolute http(s) link, got: " + uri);
        }
        if (allowPrivate) {
            return;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (METADATA_HOSTS.contains(host)) {
            throw new RejectedUrlException("url points at a cloud metadata service: " + host);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new RejectedUrlException("url host does not resolve: " + host);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new RejectedUrlException("url host " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback, private, link-local or metadata address (allowed only with ingest.url-policy.allow-private=true)");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second <= 127); // 0/8, 100.64/10 (CGNAT)
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        return true;
    }
}
