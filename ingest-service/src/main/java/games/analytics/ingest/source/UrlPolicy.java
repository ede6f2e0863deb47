package games.analytics.ingest.source;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which links the service will fetch. Only http(s), and by default only hosts whose every address is global
 * unicast ({@link GlobalAddresses}: no loopback, private, link-local, metadata or other special-purpose
 * address, SSRF), checked for the link and for every redirect hop, and again by the download client's resolver
 * ({@link PolicyResolverGroup}) for the address it really connects to. {@code ingest.url-policy.allow} names
 * host:port pairs allowed anyway (a file server of one's own); {@code allow-private=true} lifts the address check
 * for tests.
 */
@Singleton
public class UrlPolicy {

    private static final Pattern SHEETS = Pattern.compile("^https://docs\\.google\\.com/spreadsheets/d/([A-Za-z0-9_-]+)(/[^?#]*)?(\\?[^#]*)?(#.*)?$");
    private static final Pattern GID = Pattern.compile("gid=(\\d+)");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal", "metadata.azure.com", "instance-data");

    private final boolean allowPrivate;
    /** {@code ingest.url-policy.allow} as bare-host:port pairs ({@code [::1]:8091} is {@code ::1:8091}). */
    private final Set<String> allowed;
    private final Set<String> allowedHosts;

    UrlPolicy(@Value("${ingest.url-policy.allow-private:false}") boolean allowPrivate, @Value("${ingest.url-policy.allow:}") String allow) {
        this.allowPrivate = allowPrivate;
        this.allowed = Arrays.stream(allow.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(UrlPolicy::hostPort).collect(Collectors.toUnmodifiableSet());
        this.allowedHosts = allowed.stream().map(a -> a.substring(0, a.lastIndexOf(':'))).collect(Collectors.toUnmodifiableSet());
    }

    /** Parses and checks a link from a request; Google Sheets edit/view links become their CSV export. */
    public URI accept(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new RejectedUrlException("url is not a valid link: " + e.getReason() + " at index " + e.getIndex());
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
            throw new RejectedUrlException("url must be an absolute http(s) link, got: " + Links.redact(uri));
        }
        String host = bare(uri.getHost());
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (allowPrivate || allowed.contains(host + ":" + port)) {
            return;
        }
        if (METADATA_HOSTS.contains(host)) {
            throw new RejectedUrlException("url points at a cloud metadata service: " + host);
        }
        for (InetAddress address : resolve(host)) {
            if (!GlobalAddresses.isGlobal(address)) {
                throw new RejectedUrlException("url host " + host + " resolves to " + address.getHostAddress()
                        + ", which is not a public (global unicast) address: loopback, private, link-local, metadata and other"
                        + " special-purpose addresses are refused (an operator can allow a host:port with INGEST_URL_POLICY_ALLOW)");
            }
        }
    }

    /** The addresses a download may connect to for {@code host}: all of them, or only the global ones. */
    List<InetAddress> connectable(String host) throws UnknownHostException {
        String bare = bare(host);
        List<InetAddress> addresses = List.of(InetAddress.getAllByName(bare));
        if (allowPrivate || allowedHosts.contains(bare)) {
            return addresses; // the port was checked with the link
        }
        List<InetAddress> global = addresses.stream().filter(GlobalAddresses::isGlobal).toList();
        if (global.isEmpty()) {
            throw new UnknownHostException(host + " has no public address (the URL policy refuses " + addresses.getFirst().getHostAddress() + ")");
        }
        return global;
    }

    /** An allow-list entry as bare-host:port, lower case. */
    private static String hostPort(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("ingest.url-policy.allow takes host:port pairs, got \"" + entry + "\"");
        }
        return bare(entry.substring(0, colon)) + ":" + entry.substring(colon + 1);
    }

    private static String bare(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new RejectedUrlException("url host does not resolve: " + host);
        }
    }
}
