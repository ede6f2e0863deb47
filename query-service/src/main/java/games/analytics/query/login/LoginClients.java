package games.analytics.query.login;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client a login is counted against: the connection's peer, or, when the peer is the gateway
 * ({@code login.trusted-proxies}), the address the gateway appended last to {@code X-Forwarded-For} (the one it
 * saw; whatever the client wrote before it is not trusted). A header from any other peer is ignored. An IPv6
 * client counts as its /64 (one subscriber's network), so rotating addresses inside it earns no fresh tries.
 */
@Singleton
final class LoginClients {

    private final Set<InetAddress> trustedProxies;

    LoginClients(@Value("${login.trusted-proxies}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).map(LoginClients::literal)
                .filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    String of(HttpRequest<?> request) {
        InetAddress peer = ipv4IfMapped(request.getRemoteAddress().getAddress());
        if (trustedProxies.contains(peer)) {
            String forwarded = request.getHeaders().get("X-Forwarded-For");
            if (forwarded != null) {
                String[] hops = forwarded.split(",");
                InetAddress last = literal(hops[hops.length - 1].strip());
                if (last != null) {
                    return counted(last);
                }
            }
        }
        return counted(peer);
    }

    static String counted(InetAddress client) {
        InetAddress address = ipv4IfMapped(client);
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return literal(bytes).getHostAddress() + "/64";
        }
        return address.getHostAddress();
    }

    /** An IPv4 client as the kernel may report it on a dual-stack socket (::ffff:a.b.c.d) is that IPv4 address. */
    static InetAddress ipv4IfMapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && Arrays.equals(bytes, 0, 12, MAPPED_PREFIX, 0, 12)) {
            return literal(Arrays.copyOfRange(bytes, 12, 16));
        }
        return address;
    }

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    /** An IP address literal, never a host name looked up; null when the text is not one. */
    static InetAddress literal(String text) {
        if (text.length() > 45 || !text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes are always an address
        }
    }
}
